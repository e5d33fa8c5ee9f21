//! Titles of works told by their shape: "Hide and Seek", "Top of the Pops",
//! "Million Dollar Baby". A film, a song or a show is often named with
//! ordinary words, each capitalised, joined by small ones; the tagger, which
//! reads word by word, splits such a title into junk ("Hide" and "Seek" as
//! places) or takes a piece of it for a name. People, firms and places are
//! rarely named with ordinary words only, so a run made of them, where the
//! tagger saw a name, is one work: a mention of kind other.

use super::entities::RawMention;
use super::gazetteer;
use super::tokens::{Token, TokenKind, Tokenized};
use crate::model::{EntityKind, Span};

/// Small words a title holds between its capitalised words. "and" is
/// not among them: it joins two names more often than it sits in one
/// ("Million Dollar Baby and Sideways"); see [`title_run`].
const SMALL_WORDS: &[&str] = &[
    "of", "the", "a", "an", "in", "on", "to", "for", "with", "at", "as", "is", "it", "my", "from",
    "by",
];

/// Share of lower-case uses (in per cent) that makes a word ordinary.
const ORDINARY: u8 = 50;

/// Replaces the mentions inside each run of capitalised ordinary words by one
/// mention of the whole run, of kind other; then does the same for each run
/// after a work's noun ([`join_cued_titles`]), found in the same reading.
/// Mentions stay in text order.
pub fn join_titles(paragraphs: &[String], split: &[Tokenized], mentions: &mut Vec<RawMention>) {
    let mut titles: Vec<Span> = Vec::new();
    let mut cued: Vec<Span> = Vec::new();
    for (p, (para, tok)) in paragraphs.iter().zip(split).enumerate() {
        for sentence in &tok.sentences {
            let tokens = &tok.tokens[sentence.clone()];
            if headline_case(para, tokens) {
                continue;
            }
            // A work's noun opening the sentence, capitalised: "Comedy Meet
            // The Fockers has held on". A title of two words at least, as
            // "Comedy Central" or "Film Four" name no work.
            if let Some(last) = cued_title_opening(para, tokens) {
                cued.push(Span::new(p, tokens[1].start, tokens[last].end));
            }
            // A run that capitalises a pronoun or a verb mid-sentence; after
            // a work's noun, the run the noun introduces is taken instead
            // ("the drama Crying Out Love in the Centre of the World").
            // Most sentences hold no such word past their first: they are
            // not walked.
            let marked = tokens.iter().skip(1).any(|t| {
                let word = t.text(para);
                word.starts_with(|c: char| c.is_ascii_uppercase()) && is_title_marker(word)
            });
            let mut k = if marked { 1 } else { tokens.len() };
            while k < tokens.len() {
                if let Some(last) = cued_title_after(para, tokens, k - 1) {
                    k = last + 1;
                    continue;
                }
                match marked_title_run(para, tokens, k) {
                    Some(last) => {
                        cued.push(Span::new(p, tokens[k].start, tokens[last].end));
                        k = last + 1;
                    }
                    None => k += 1,
                }
            }
            // The sentence's first word is capitalised whatever it is.
            let mut k = 1;
            while k < tokens.len() {
                if let Some(last) = cued_title_after(para, tokens, k) {
                    cued.push(Span::new(p, tokens[k + 1].start, tokens[last].end));
                }
                match title_run(para, tokens, k) {
                    Some(last) => {
                        titles.push(Span::new(p, tokens[k].start, tokens[last].end));
                        k = last + 1;
                    }
                    None => k += 1,
                }
            }
        }
    }
    // Runs of ordinary words only where the tagger saw a name: a name it
    // found whole it has read as one ("Electronic Arts" and "Music Choice"
    // are firms of ordinary words); it is the pieces of a title ("Stairway"
    // of "Stairway to Heaven") that show its misreading.
    join_found(mentions, titles, |title, touched| {
        !touched.is_empty() && !matches!(touched, [m] if m.span == title)
    });
    // A run after a work's noun whatever the tagger saw.
    join_found(mentions, cued.clone(), |_, _| true);
    // Once a cue has named a work, the article's other uses of its title
    // are the work too ("the comedy Meet the Fockers", then "In Meet the
    // Fockers, he plays"), whatever the tagger made of them there.
    let spans: foldhash::HashSet<Span> = mentions.iter().map(|m| m.span).collect();
    let named: Vec<Span> = cued.into_iter().filter(|c| spans.contains(c)).collect();
    join_found(mentions, elsewhere(paragraphs, split, &named), |_, _| true);
}

/// Longest title, in tokens, looked for again: each token is compared with
/// the titles of each length, so this bounds the work per token.
const LONGEST_REPEATED: usize = 12;

/// Every other place the article writes one of `titles` (each a span of
/// whole tokens), word for word, the small words in any case ("Assault on
/// Precinct 13" is "Assault On Precinct 13"), and not run on into a longer
/// name: no capitalised word right before (but a common word opening the
/// sentence) or after.
fn elsewhere(paragraphs: &[String], split: &[Tokenized], titles: &[Span]) -> Vec<Span> {
    // A title's words as compared: small words in lower case.
    let key = |words: &mut dyn Iterator<Item = &str>| -> String {
        let mut key = String::new();
        for w in words {
            let lower = w.to_lowercase();
            key.push_str(if SMALL_WORDS.contains(&lower.as_str()) {
                &lower
            } else {
                w
            });
            key.push(' ');
        }
        key
    };
    let given: foldhash::HashSet<Span> = titles.iter().copied().collect();
    let mut forms: foldhash::HashSet<String> = foldhash::HashSet::default();
    let mut lengths: Vec<usize> = Vec::new();
    for span in titles {
        let (Some(para), Some(tok)) = (paragraphs.get(span.paragraph), split.get(span.paragraph))
        else {
            continue;
        };
        let first = tok.tokens.partition_point(|t| t.start < span.start);
        let words: Vec<&str> = tok.tokens[first..]
            .iter()
            .take_while(|t| t.end <= span.end)
            .map(|t| t.text(para))
            .collect();
        if (1..=LONGEST_REPEATED).contains(&words.len()) {
            forms.insert(key(&mut words.iter().copied()));
            if !lengths.contains(&words.len()) {
                lengths.push(words.len());
            }
        }
    }
    let capital = |para: &str, t: &Token| {
        t.kind == TokenKind::Word && t.text(para).starts_with(char::is_uppercase)
    };
    let mut found = Vec::new();
    for (p, (para, tok)) in paragraphs.iter().zip(split).enumerate() {
        for sentence in &tok.sentences {
            let tokens = &tok.tokens[sentence.clone()];
            for i in 0..tokens.len() {
                if !capital(para, &tokens[i]) {
                    continue;
                }
                for &len in &lengths {
                    let Some(run) = tokens.get(i..i + len) else {
                        continue;
                    };
                    // A sentence's first word is capitalised whatever it is ("In Meet the Fockers").
                    let opening = i == 1
                        && gazetteer::lowercase_share(tokens[0].text(para))
                            .is_some_and(|p| p >= ORDINARY);
                    let glued = (i > 0 && capital(para, &tokens[i - 1]) && !opening)
                        || tokens.get(i + len).is_some_and(|t| capital(para, t));
                    if glued || !forms.contains(&key(&mut run.iter().map(|t| t.text(para)))) {
                        continue;
                    }
                    let span = Span::new(p, run[0].start, run[len - 1].end);
                    if !given.contains(&span) {
                        found.push(span);
                    }
                }
            }
        }
    }
    found
}

/// Replaces the mentions inside each title by one mention of the whole
/// title, of kind other, where `takes` allows it given the mentions the
/// title touches; a title that cuts a mention, or overlaps a title joined
/// before it, is left alone. Mentions stay in text order.
///
/// One pass over titles and mentions in text order: each title finds the
/// mentions it touches by a binary search, so thousands of titles cost no
/// more than one each.
pub(super) fn join_found(
    mentions: &mut Vec<RawMention>,
    mut titles: Vec<Span>,
    takes: impl Fn(Span, &[&RawMention]) -> bool,
) {
    if titles.is_empty() {
        return;
    }
    titles.sort();
    titles.dedup();
    mentions.sort_by_key(|m| (m.span.paragraph, m.span.start));
    // The furthest end of a mention up to each one, in its paragraph: a title
    // that starts before it is cut by an earlier mention.
    let mut reach = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        let before = i
            .checked_sub(1)
            .filter(|&j| mentions[j].span.paragraph == m.span.paragraph)
            .map_or(0, |j| reach[j]);
        reach.push(m.span.end.max(before));
    }
    let mut gone = vec![false; mentions.len()];
    let mut added: Vec<RawMention> = Vec::new();
    for title in titles {
        let overlaps_added = added.last().is_some_and(|t: &RawMention| {
            t.span.paragraph == title.paragraph && title.start < t.span.end
        });
        if overlaps_added {
            continue;
        }
        let first = mentions
            .partition_point(|m| (m.span.paragraph, m.span.start) < (title.paragraph, title.start));
        let cut_before = first.checked_sub(1).is_some_and(|j| {
            mentions[j].span.paragraph == title.paragraph && reach[j] > title.start
        });
        if cut_before {
            continue;
        }
        let touched: Vec<usize> = (first..mentions.len())
            .take_while(|&i| {
                mentions[i].span.paragraph == title.paragraph && mentions[i].span.start < title.end
            })
            .filter(|&i| !gone[i])
            .collect();
        let inside = touched.iter().all(|&i| mentions[i].span.end <= title.end);
        let touched_mentions: Vec<&RawMention> = touched.iter().map(|&i| &mentions[i]).collect();
        if !inside || !takes(title, &touched_mentions) {
            continue;
        }
        for i in touched {
            gone[i] = true;
        }
        added.push(RawMention {
            span: title,
            kind: EntityKind::Other,
            canonical: None,
        });
    }
    if added.is_empty() {
        return;
    }
    let mut kept: Vec<RawMention> = std::mem::take(mentions)
        .into_iter()
        .zip(gone)
        .filter_map(|(m, gone)| (!gone).then_some(m))
        .collect();
    kept.extend(added);
    kept.sort_by_key(|m| (m.span.paragraph, m.span.start));
    *mentions = kept;
}

/// Nouns for a work that name it right after them: "his film Hide and
/// Seek", "the comedy Meet The Fockers". Not "show" or "play", which are
/// verbs as often ("polls show Labour ahead").
fn is_work_noun(word: &str) -> bool {
    matches!(
        word,
        "film"
            | "movie"
            | "comedy"
            | "thriller"
            | "drama"
            | "documentary"
            | "musical"
            | "sitcom"
            | "cartoon"
            | "biopic"
            | "blockbuster"
            | "sequel"
            | "album"
            | "single"
            | "song"
            | "novel"
            | "opera"
    )
}

/// The last token of the title right after token `k` when `k` is a work's
/// noun ("his film Hide and Seek").
fn cued_title_after(para: &str, tokens: &[Token], k: usize) -> Option<usize> {
    if work_noun_token(para, &tokens[k], false) {
        cued_run(para, tokens, k + 1)
    } else {
        None
    }
}

/// Whether `token` is a work's noun, in lower case ("his film"), or
/// capitalised when it opens the sentence (`opening`: "Comedy Meet …").
fn work_noun_token(para: &str, token: &Token, opening: bool) -> bool {
    // Lengths and the first letter's case first: asked of every word.
    let word = token.text(para);
    let mut chars = word.chars();
    let first = chars.next().is_some_and(|c| {
        if opening {
            c.is_ascii_uppercase()
        } else {
            c.is_ascii_lowercase()
        }
    });
    token.kind == TokenKind::Word
        && (4..=11).contains(&word.len())
        && first
        && chars.all(|c| c.is_ascii_lowercase())
        && if opening {
            is_work_noun(&word.to_ascii_lowercase())
        } else {
            is_work_noun(word)
        }
}

/// The last token of a title of two words or more after a work's noun that
/// opens the sentence ("Comedy Meet The Fockers").
fn cued_title_opening(para: &str, tokens: &[Token]) -> Option<usize> {
    if !work_noun_token(para, tokens.first()?, true) {
        return None;
    }
    cued_run(para, tokens, 1).filter(|&last| last >= 2)
}

/// The last token of a title that starts at token `k` after a work's noun:
/// capitalised words, numbers after them ("Shrek 2"), and small words,
/// "and", "or" and "'s" between them ("Howl's Moving Castle", "It's Now or
/// Never"), clitics glued to a word ("Can't"). Not a person's
/// name ("the film director" aside, "film Ann Loy" is no title).
fn cued_run(para: &str, tokens: &[Token], k: usize) -> Option<usize> {
    let capital = |i: usize| {
        tokens.get(i).is_some_and(|t| {
            t.kind == TokenKind::Word && t.text(para).starts_with(char::is_uppercase)
        })
    };
    if !capital(k) {
        return None;
    }
    let joiner = |t: &Token| {
        let w = t.text(para);
        SMALL_WORDS.contains(&w) || matches!(w, "and" | "or" | "'s" | "\u{2019}s")
    };
    // "Fahrenheit 9/11 and Mel Gibson's film": a first name after a small
    // word starts a person's name, not the title's next word.
    let names_person = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| gazetteer::is_first_name(t.text(para)) && capital(i + 1))
    };
    let (mut last, mut i) = (k, k + 1);
    while let Some(t) = tokens.get(i) {
        if capital(i) || (t.kind == TokenKind::Number && i == last + 1) {
            last = i;
            i += 1;
        } else if is_clitic(para, tokens, i) && i == last + 1 && capital(i + 1) {
            // "the single It's Now or Never", "Sometimes You Can't Make It".
            last = i;
            i += 1;
        } else if joiner(t) && (i + 1..=i + 2).any(capital) && !names_person(i + 1) {
            i += 1;
        } else {
            break;
        }
    }
    let text = para.get(tokens[k].start..tokens[last].end)?;
    // "the single I recorded": one letter is a pronoun, not a title.
    let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
    (letters >= 2 && !super::kinds::is_person_name(text)).then_some(last)
}

/// Words that title case capitalises and that no name of a person, a body or
/// a place holds: pronouns, auxiliaries, negations, question words and
/// adverbs. Capitalised in the middle of a sentence, one says a title ("It's
/// Now or Never", "They Liked You Better When You Were Dead", "All Shook
/// Up"). Not "Who" (the band The Who), "Can" (a band), "Will" and "May"
/// (first names, a month), "Down" (County Down), "Off" (Off Broadway), "Her"
/// and "His" (Her Majesty's Government, His Holiness), "Our" (Our Lady of
/// Lourdes); "Your" not before a style of address ([`is_honorific`]).
/// Clitics are tokens of their own ("It" and "'s"), so "It's" is "It".
fn is_title_marker(word: &str) -> bool {
    matches!(
        word,
        "I" | "You"
            | "Your"
            | "It"
            | "Me"
            | "My"
            | "We"
            | "Us"
            | "They"
            | "Them"
            | "Is"
            | "Are"
            | "Was"
            | "Were"
            | "Be"
            | "Been"
            | "Am"
            | "Can't"
            | "Don't"
            | "Won't"
            | "Can\u{2019}t"
            | "Don\u{2019}t"
            | "Won\u{2019}t"
            | "Do"
            | "Does"
            | "Did"
            | "Not"
            | "Never"
            | "Now"
            | "Always"
            | "Here"
            | "When"
            | "Where"
            | "Why"
            | "How"
            | "What"
            | "Like"
            | "Up"
            | "Out"
            | "Into"
            | "Away"
            | "Let"
            | "Must"
            | "Should"
            | "Could"
            | "Would"
            | "Ever"
    )
}

/// Words a title's "Your" does not mark when they follow it: the styles of
/// address ("thank you, Your Majesty").
fn is_honorific(word: &str) -> bool {
    matches!(
        word,
        "Majesty"
            | "Highness"
            | "Honour"
            | "Honor"
            | "Excellency"
            | "Grace"
            | "Worship"
            | "Lordship"
            | "Ladyship"
            | "Eminence"
            | "Holiness"
    )
}

/// The last token of a title starting at token `k`, mid-sentence, whose
/// words include an [`is_title_marker`] word: capitalised words (two or more),
/// joined by small words and "or" ("It's Now or Never"). Not a run that
/// follows a capitalised word (it is part of a longer one), nor one after a
/// colon, a bracket, a dash or a quotation mark, where a sentence may start
/// afresh; "and" ends the run,
/// as it joins two titles as often as it sits in one.
fn marked_title_run(para: &str, tokens: &[Token], k: usize) -> Option<usize> {
    let title_cased = |i: usize| {
        tokens.get(i).is_some_and(|t| {
            let w = t.text(para);
            t.kind == TokenKind::Word
                && w.starts_with(char::is_uppercase)
                && (matches!(w, "I" | "A") || w.chars().skip(1).any(char::is_lowercase))
        })
    };
    if !title_cased(k) {
        return None;
    }
    let before = tokens.get(k.checked_sub(1)?)?;
    // After a quotation mark, a quoted sentence opens ("What I do next is …").
    let opens = matches!(
        before.text(para),
        ":" | "(" | "[" | "\u{2014}" | "\u{2013}" | "-" | "\"" | "'" | "\u{201c}" | "\u{2018}"
    );
    let glued = before.kind == TokenKind::Word && before.text(para).starts_with(char::is_uppercase);
    if opens || glued || gazetteer::is_first_name(tokens[k].text(para)) {
        return None;
    }
    let (mut last, mut words, mut i) = (k, 1, k + 1);
    // "I" marks a title only before two more of its words: "King Charles I"
    // and "World War I" end with it, "But I'm" opens a sentence and "No, I'm
    // Jewish" says who one is.
    let marks = |j: usize, last: usize| {
        let w = tokens[j].text(para);
        is_title_marker(w)
            && (w != "I" || (j + 1..=last).filter(|&x| title_cased(x)).nth(1).is_some())
            && !(w == "Your"
                && tokens
                    .get(j + 1)
                    .is_some_and(|t| is_honorific(t.text(para))))
    };
    // Small words that join a title's words; not "with", "by" or "from",
    // which bring in who made or sings it ("Heaven Help Us All with Gladys
    // Knight"), nor a first name after one, which starts a person's name.
    let joins = |i: usize| {
        let w = tokens[i].text(para);
        (w == "or" || SMALL_WORDS.contains(&w) && !matches!(w, "with" | "by" | "from"))
            && title_cased(i + 1)
            && !(gazetteer::is_first_name(tokens[i + 1].text(para))
                && !is_title_marker(tokens[i + 1].text(para))
                && title_cased(i + 2))
    };
    while i < tokens.len() {
        if title_cased(i) {
            last = i;
            words += 1;
            i += 1;
        } else if is_clitic(para, tokens, i)
            && (title_cased(i + 1) || i + 1 < tokens.len() && joins(i + 1))
        {
            // "Madonna's Like A Virgin": before any mark, a possessive
            // ends the owner's name; the title starts after it. A clitic
            // ending the run is no part of it ("We Are The World's re-release").
            let possessive = matches!(tokens[i].text(para), "'s" | "\u{2019}s");
            if possessive && !(k..i).any(|j| marks(j, i + 1)) {
                return None;
            }
            last = i;
            i += 1;
        } else if joins(i) {
            i += 1;
        } else {
            break;
        }
    }
    let marked = (k..=last).any(|j| marks(j, last));
    (marked && words >= 2).then_some(last)
}

/// Whether token `i` is a clitic of the word before it: "It's" is "It" and
/// "'s" (set apart by a space in text tokenised as CoNLL-2003 is: "It 's",
/// "Ca n't").
fn is_clitic(para: &str, tokens: &[Token], i: usize) -> bool {
    let w = tokens[i].text(para);
    i > 0
        && tokens[i].kind == TokenKind::Word
        && tokens[i - 1].kind == TokenKind::Word
        && (w.starts_with(['\'', '\u{2019}']) && w.len() > 1 || matches!(w, "n't" | "n\u{2019}t"))
}

/// The last token of a title starting at token `k`: two or more capitalised
/// ordinary words, joined by at most two small words each, or two single
/// words joined by "and".
fn title_run(para: &str, tokens: &[Token], k: usize) -> Option<usize> {
    // "Walter Little", "Rod Beck": a first name opens a person's name.
    if !ordinary_capitalised(para, &tokens[k]) || gazetteer::is_first_name(tokens[k].text(para)) {
        return None;
    }
    // "Hide and Seek", "Will and Grace": "and" between two single words.
    let single = |i: usize| tokens.get(i).is_some_and(|t| ordinary_capitalised(para, t));
    // Two plurals joined by "and" are two groups ("Steelers and Browns").
    let plural = |i: usize| tokens.get(i).is_some_and(|t| t.text(para).ends_with('s'));
    if tokens.get(k + 1).is_some_and(|t| t.text(para) == "and")
        && single(k + 2)
        && !(plural(k) && plural(k + 2))
        && !tokens
            .get(k + 3)
            .is_some_and(|t| t.text(para).starts_with(char::is_uppercase))
    {
        return Some(k + 2);
    }
    let mut last = k;
    let mut words = 1;
    loop {
        let mut next = last + 1;
        while next < tokens.len()
            && next - last <= 2
            && SMALL_WORDS.contains(&tokens[next].text(para))
        {
            next += 1;
        }
        match tokens.get(next) {
            Some(t) if ordinary_capitalised(para, t) => {
                last = next;
                words += 1;
            }
            _ => break,
        }
    }
    // A capitalised word right after the run is a name's: the run is part of it.
    let glued = tokens
        .get(last + 1)
        .is_some_and(|t| t.kind == TokenKind::Word && t.text(para).starts_with(char::is_uppercase));
    (words >= 2 && !glued).then_some(last)
}

/// A capitalised word that is otherwise an ordinary one ("Hide", "Pops"),
/// and no title, weekday, month, organisation word, place or nationality.
fn ordinary_capitalised(para: &str, token: &Token) -> bool {
    let word = token.text(para);
    token.kind == TokenKind::Word
        && word.starts_with(char::is_uppercase)
        && word.chars().skip(1).any(char::is_lowercase)
        && gazetteer::lowercase_share(word).is_some_and(|p| p >= ORDINARY)
        && gazetteer::title(word).is_none()
        && !gazetteer::is_weekday_or_month(word)
        && !gazetteer::is_org_word(word)
        && gazetteer::place(word).is_none()
        && gazetteer::demonym(word).is_none()
}

/// A headline written in title case ("Fox Hires New Host As Ratings Fall"):
/// most of its words are capitalised, so capitals say nothing there. Title
/// case leaves only short joining words in lower case; a sentence with any
/// other word in lower case ("his new single Sometimes You Cry On Your Own
/// is out") is written in sentence case, however long the titles it names.
pub(super) fn headline_case(para: &str, tokens: &[Token]) -> bool {
    let words = tokens.iter().filter(|t| t.kind == TokenKind::Word);
    let (mut all, mut caps) = (0, 0);
    for t in words {
        let word = t.text(para);
        all += 1;
        if word.starts_with(char::is_uppercase) {
            caps += 1;
        } else if word.starts_with(char::is_lowercase)
            && !TITLE_CASE_LOWER.contains(&word)
            // "Apple Unveils New iPod Nano": a brand's spelling, not sentence case.
            && !word.chars().any(char::is_uppercase)
        {
            return false;
        }
    }
    caps * 5 > all * 3
}

/// Words title case leaves in lower case: articles, conjunctions and short
/// prepositions.
const TITLE_CASE_LOWER: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of",
    "off", "on", "per", "to", "up", "via", "with", "from", "into", "over", "vs", "vs.", "v", "v.",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The mentions after joining, as (text, kind), given pieces as the tagger found them.
    fn joined(text: &str, pieces: &[(&str, EntityKind)]) -> Vec<(String, EntityKind)> {
        RawMention::after_pass(text, pieces, join_titles)
    }

    #[test]
    fn a_title_of_ordinary_words_becomes_one_work() {
        use EntityKind::{Other, Place};
        assert_eq!(
            joined(
                "She starred in Hide and Seek last year.",
                &[("Hide", Place), ("Seek", Place)]
            ),
            [("Hide and Seek".to_string(), Other)]
        );
        assert_eq!(
            joined(
                "The show Top of the Pops ended.",
                &[("Pops", EntityKind::Organization)]
            ),
            [("Top of the Pops".to_string(), Other)]
        );
    }

    #[test]
    fn a_run_that_capitalises_a_pronoun_or_a_verb_is_one_work() {
        use EntityKind::{Organization, Other, Person, Place};
        let work = |t: &str| (t.to_string(), Other);
        // Whatever the tagger made of it, and with its clitics glued or apart.
        assert_eq!(
            joined(
                "The re-release of It's Now or Never went in at 27, ahead of Quarry Rock.",
                &[("Never", Place)]
            ),
            [work("It's Now or Never")]
        );
        assert_eq!(
            joined("Its re-release of It 's Now or Never went in at 27.", &[]),
            [work("It 's Now or Never")]
        );
        assert_eq!(
            joined(
                "The band's song They Liked You Better When You Were Dead was played.",
                &[]
            ),
            [work("They Liked You Better When You Were Dead")]
        );
        // An owner's possessive before the title is not part of it.
        assert_eq!(
            joined(
                "It pushed Qarlow's Like Toy Soldiers down.",
                &[("Qarlow", Person), ("Like Toy Soldiers", Organization)]
            ),
            [("Qarlow".to_string(), Person), work("Like Toy Soldiers")]
        );
        // Nor the singer "with" whom it was made.
        assert_eq!(
            joined(
                "He sang Heaven Help Us All with Gladys Qarlow in 1970.",
                &[("Gladys Qarlow", Person)]
            ),
            [
                work("Heaven Help Us All"),
                ("Gladys Qarlow".to_string(), Person)
            ]
        );
        // A quoted sentence's opening, a regnal number, a person saying who he is.
        assert!(joined("He said: \"What I Do next is mine.\"", &[]).is_empty());
        assert!(joined("He said \"When Lord Qarlow came, all was well.\"", &[]).is_empty());
        assert_eq!(
            joined(
                "It was built by King Charles I in 1630.",
                &[("Charles", Person)]
            ),
            [("Charles".to_string(), Person)]
        );
        assert!(joined("He replied: No, I'm Jewish, not German.", &[]).is_empty());
        // One capitalised word is no run.
        assert!(joined("They say You is a pronoun.", &[]).is_empty());
        // After a work's noun, the run it introduces whole.
        assert_eq!(
            joined("His single It's Now or Never went in at 27.", &[]),
            [work("It's Now or Never")]
        );
        // A curly apostrophe alone is no clitic; a possessive after the title no part of it.
        assert_eq!(
            joined("A cover of the Qarlows\u{2019} Let It Be was played.", &[]),
            [work("Let It Be")]
        );
        assert_eq!(
            joined(
                "The success of We Are The World's re-release surprised.",
                &[]
            ),
            [work("We Are The World")]
        );
        assert_eq!(
            joined("The film Boys Don\u{2019}t Cry won.", &[]),
            [work("Boys Don\u{2019}t Cry")]
        );
        assert_eq!(
            joined("It won, as Boys Don\u{2019}t Cry had.", &[]),
            [work("Boys Don\u{2019}t Cry")]
        );
        // A style of address, a district of theatres.
        assert!(joined("Thank you, Your Majesty, for coming.", &[]).is_empty());
        assert!(joined("It ran in an Off Broadway theatre.", &[]).is_empty());
        // A clitic last in the paragraph is left out of the run.
        assert_eq!(joined("The title is Now It's", &[]), [work("Now It")]);
        assert_eq!(
            joined("He hosts I'm a Celebrity Get Me Out of Here for ITV.", &[]),
            [work("I'm a Celebrity Get Me Out of Here")]
        );
    }

    #[test]
    fn a_long_title_in_a_short_sentence_is_no_headline() {
        let work = |t: &str| (t.to_string(), EntityKind::Other);
        assert_eq!(
            joined("His new single Sometimes You Cry On Your Own is out.", &[]),
            [work("Sometimes You Cry On Your Own")]
        );
        assert_eq!(
            joined(
                "U2's latest single Sometimes You Can't Make It On Your Own led.",
                &[]
            ),
            [work("Sometimes You Can't Make It On Your Own")]
        );
        // Title case leaves only short joining words in lower case.
        let ps = vec!["Fox Hires New Host As Ratings Fall in the Evening".to_string()];
        let split = crate::analysis::tokens::split_paragraphs(&ps);
        let tokens = &split[0].tokens;
        assert!(headline_case(&ps[0], tokens));
        let ps = vec!["Apple Unveils New iPod Nano as Arsenal v Chelsea Ends".to_string()];
        let split = crate::analysis::tokens::split_paragraphs(&ps);
        assert!(headline_case(&ps[0], &split[0].tokens));
        let ps = vec!["His new single Sometimes You Cry On Your Own is out".to_string()];
        let split = crate::analysis::tokens::split_paragraphs(&ps);
        assert!(!headline_case(&ps[0], &split[0].tokens));
    }

    #[test]
    fn a_run_after_a_works_noun_is_one_work() {
        use EntityKind::{Organization, Other, Person, Place};
        let work = |t: &str| (t.to_string(), Other);
        assert_eq!(
            joined("He was in his film Hide and Seek at last.", &[]),
            [work("Hide and Seek")]
        );
        assert_eq!(
            joined(
                "It beat the comedy Meet The Qarlows, and the animated movie Howl's Moving Harbour.",
                &[("Qarlows", Person), ("Howl", Person)]
            ),
            [work("Meet The Qarlows"), work("Howl's Moving Harbour")]
        );
        assert_eq!(
            joined(
                "The drama Crying Out Love in the Centre of Tolham won.",
                &[("Tolham", Place)]
            ),
            [work("Crying Out Love in the Centre of Tolham")]
        );
        assert_eq!(
            joined("His thriller Precinct 13 opened.", &[]),
            [work("Precinct 13")]
        );
        // A person after the noun, a lower-case word, a name reaching beyond.
        assert_eq!(
            joined("The film Ann Loy made won.", &[("Ann Loy", Person)]),
            [("Ann Loy".to_string(), Person)]
        );
        assert!(joined("The film industry grew.", &[]).is_empty());
        // The noun opening the sentence: a title of two words at least.
        assert_eq!(
            joined(
                "Comedy Meet The Qarlows has held on to the top spot at the box office.",
                &[("Qarlows", Organization)]
            ),
            [work("Meet The Qarlows")]
        );
        assert!(
            joined(
                "Comedy Qentral showed it to the viewers of the late show.",
                &[]
            )
            .is_empty()
        );
        assert!(joined("It was the single I liked.", &[]).is_empty());
        assert_eq!(
            joined("The film Quiet Harbour and Ann Loy's sequel won.", &[]),
            [work("Quiet Harbour")]
        );
        assert_eq!(
            joined(
                "The album Brimley Records Ltd put out.",
                &[("Records Ltd put", Organization)]
            ),
            [("Records Ltd put".to_string(), Organization)]
        );
    }

    #[test]
    fn a_work_named_after_its_noun_is_the_work_wherever_written_again() {
        use EntityKind::{Organization, Other, Person};
        let paragraphs = vec![
            "The comedy Meet the Qarlows topped the chart.".to_string(),
            "In Meet the Qarlows, he plays a father. Meet The Qarlows beat Ann Qarlow.".to_string(),
            "Fans of Meet the Qarlows Live and Meet the Qarlows cheered.".to_string(),
        ];
        let mut mentions = vec![
            RawMention::first_in(&paragraphs, 0, "Qarlows", Person),
            RawMention::first_in(&paragraphs, 1, "Qarlows", Organization),
            RawMention::last_in(&paragraphs, 1, "Ann Qarlow", Person),
            RawMention::last_in(&paragraphs, 2, "Qarlows", Organization),
        ];
        let split = super::super::tokens::split_paragraphs(&paragraphs);
        join_titles(&paragraphs, &split, &mut mentions);
        let found: Vec<(String, EntityKind)> = RawMention::texts(&paragraphs, &mentions)
            .into_iter()
            .zip(mentions.iter().map(|m| m.kind))
            .collect();
        let work = |t: &str| (t.to_string(), Other);
        // Each use of the title, its small words in any case, whatever the
        // tagger found there; a person's name beside it stays, and a longer
        // name holding the title is not cut.
        assert_eq!(
            found,
            [
                work("Meet the Qarlows"),
                work("Meet the Qarlows"),
                work("Meet The Qarlows"),
                ("Ann Qarlow".to_string(), Person),
                work("Meet the Qarlows"),
            ]
        );
    }

    #[test]
    fn names_runs_the_tagger_ignored_and_headlines_are_left_alone() {
        use EntityKind::{Organization, Person};
        // A name that is not all ordinary words.
        assert_eq!(
            joined("Fans of Orrin Qarlow cheered.", &[("Orrin Qarlow", Person)]),
            [("Orrin Qarlow".to_string(), Person)]
        );
        // An organisation word ends a firm's name; a name found whole stays.
        assert_eq!(
            joined(
                "He sued Green Valley Bank today.",
                &[("Green", Organization)]
            ),
            [("Green".to_string(), Organization)]
        );
        assert_eq!(
            joined(
                "He sued Falling Leaves today.",
                &[("Falling Leaves", Organization)]
            ),
            [("Falling Leaves".to_string(), Organization)]
        );
        // Two names joined by "and"; a first name opening a person's name.
        assert_eq!(
            joined(
                "Last week it beat Falling Leaves and then lost to Paper Moons at home.",
                &[
                    ("Falling", Organization),
                    ("Leaves", Organization),
                    ("Paper Moons", Organization)
                ]
            ),
            [
                ("Falling Leaves".to_string(), EntityKind::Other),
                ("Paper Moons".to_string(), Organization)
            ]
        );
        assert_eq!(
            joined(
                "The Tolhams and Reds met.",
                &[("Tolhams", Organization), ("Reds", Organization)]
            ),
            [
                ("Tolhams".to_string(), Organization),
                ("Reds".to_string(), Organization)
            ]
        );
        assert_eq!(
            joined("Fans of Rod Little cheered.", &[("Rod Little", Person)]),
            [("Rod Little".to_string(), Person)]
        );
        // Nothing tagged: nothing added.
        assert!(joined("He said Fair Play was over.", &[]).is_empty());
        // A title-case headline.
        assert_eq!(
            joined("Crowds Hide And Seek Cover", &[("Seek", Person)]),
            [("Seek".to_string(), Person)]
        );
    }
}
