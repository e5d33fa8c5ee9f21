//! Finds quoted speech in paragraphs: the first step of speaker attribution
//! ([`super::speakers`] then says who said each quote). Works on the raw
//! paragraph strings, one pass over the characters plus one over the marks.

use crate::model::Span;

/// One stretch of quoted words inside one paragraph, with where its marks are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    /// The quoted words, without the marks (see [`find_quotes`] for what is kept).
    pub span: Span,
    /// Byte offset of the opening mark in the paragraph; `None` when this piece
    /// continues a quotation from the previous paragraph without a new mark.
    pub open_mark: Option<usize>,
    /// Byte offset of the closing mark; `None` when the quotation runs on without
    /// one: into the next paragraph, or (in text whose paragraph breaks were lost)
    /// up to the next opening mark, or to the end of a paragraph that plainly
    /// continues a quotation.
    pub close_mark: Option<usize>,
    /// True when this piece continues a quotation begun in an earlier piece.
    pub continued: bool,
}

/// Which kind of mark a character is; a quote is closed only by its own family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// `"` `“` `”` `„` `‟`
    Double,
    /// `'` `‘` `’` `‚` `‛`: usually apostrophes, quotation only when clearly paired.
    Single,
    /// `«` `»`
    Guillemet,
    /// `‹` `›`: also used as separators, so only when clearly paired.
    Angle,
}

impl Family {
    const COUNT: usize = 4;

    fn index(self) -> usize {
        self as usize
    }

    /// Families that may run on over paragraphs and be closed at a paragraph end.
    /// Single and angle marks are too often something else (apostrophes,
    /// separators) to be trusted without a closing partner in the same paragraph.
    fn may_run_on(self) -> bool {
        matches!(self, Family::Double | Family::Guillemet)
    }
}

/// Whether a mark opens or closes a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight `"` whose neighbours do not tell: decided by the pairing state.
    Either,
}

/// One quotation mark found in a paragraph, with the context the pairing needs.
#[derive(Debug, Clone, Copy)]
struct Mark {
    pos: usize,
    len: usize,
    family: Family,
    role: Role,
    /// A single-family closer that may be a plural possessive (`players’ union`).
    weak: bool,
    /// Preceded by `.`, `!`, `?` or `…` and white space: starts a new sentence.
    after_sentence_end: bool,
    /// Nothing but white space before it in the paragraph.
    at_para_start: bool,
    /// Preceded by a colon or comma (`said: "…`, `said, "…`), which announce speech.
    after_intro: bool,
}

/// The family of a quotation-mark character and the direction its glyph suggests.
fn family_of(c: char) -> Option<(Family, Option<Role>)> {
    Some(match c {
        '"' => (Family::Double, None),
        '\u{201c}' | '\u{201e}' | '\u{201f}' => (Family::Double, Some(Role::Open)),
        '\u{201d}' => (Family::Double, Some(Role::Close)),
        '\'' => (Family::Single, None),
        '\u{2018}' | '\u{201a}' | '\u{201b}' => (Family::Single, Some(Role::Open)),
        '\u{2019}' => (Family::Single, Some(Role::Close)),
        '\u{ab}' => (Family::Guillemet, Some(Role::Open)),
        '\u{bb}' => (Family::Guillemet, Some(Role::Close)),
        '\u{2039}' => (Family::Angle, Some(Role::Open)),
        '\u{203a}' => (Family::Angle, Some(Role::Close)),
        _ => return None,
    })
}

/// A character after which a quotation may open (or the paragraph start).
fn opens_after(prev: Option<char>) -> bool {
    prev.is_none_or(|p| {
        p.is_whitespace()
            || matches!(p, '(' | '[' | '{' | '\u{2014}' | '\u{2013}' | '/' | ':')
            || family_of(p).is_some()
    })
}

/// A character before which a quotation may close (or the paragraph end).
fn closes_before(next: Option<char>) -> bool {
    next.is_none_or(|n| {
        n.is_whitespace()
            || matches!(
                n,
                '.' | ','
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | ')'
                    | ']'
                    | '}'
                    | '\u{2026}'
                    | '\u{2014}'
                    | '\u{2013}'
                    | '-'
                    | '/'
            )
            || family_of(n).is_some()
    })
}

/// Words written with a leading apostrophe (`rock 'n' roll`, `'em`, `'til`).
const ELISIONS: &[&str] = &[
    "bout", "cause", "cos", "em", "kay", "n", "nuff", "til", "tis", "twas",
];

/// The lower-cased letters starting at the beginning of `rest`, if few enough to be an elision.
fn is_elision(rest: &str) -> bool {
    let word_len = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    word_len <= 5
        && ELISIONS
            .iter()
            .any(|e| rest[..word_len].eq_ignore_ascii_case(e))
}

/// Decides the role of the mark `c` at byte `pos`, or `None` when it is not a
/// quotation mark here (an apostrophe, a separator).
fn classify(
    text: &str,
    pos: usize,
    c: char,
    prev: Option<char>,
    next: Option<char>,
) -> Option<(Family, Role, bool)> {
    let (family, glyph) = family_of(c)?;
    let open_ctx = opens_after(prev)
        && next.is_some_and(|n| {
            !n.is_whitespace() && !matches!(n, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '}')
        });
    let close_ctx = prev.is_some_and(|p| !p.is_whitespace()) && closes_before(next);
    match family {
        Family::Double | Family::Guillemet => {
            let role = match (open_ctx, close_ctx) {
                (true, false) => Role::Open,
                (false, true) => Role::Close,
                _ => glyph.unwrap_or(Role::Either),
            };
            Some((family, role, false))
        }
        Family::Single | Family::Angle => {
            let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            if alnum(prev) && alnum(next) {
                return None; // don't, Russia’s, O'Brien
            }
            let rest = &text[pos + c.len_utf8()..];
            if open_ctx && next.is_some_and(char::is_alphabetic) && !is_elision(rest) {
                return Some((family, Role::Open, false));
            }
            if close_ctx && !alnum(next) {
                // `players’ union`, `Iran' state`: a letter, the mark, a space and a
                // lower-case word may be a possessive; prefer another closer if any.
                let after_space = rest.trim_start();
                let weak = alnum(prev)
                    && next.is_some_and(char::is_whitespace)
                    && after_space.starts_with(|n: char| n.is_lowercase());
                return Some((family, Role::Close, weak));
            }
            None
        }
    }
}

/// Appends the quotation marks of `text` to `marks` (cleared first).
fn scan_marks(text: &str, marks: &mut Vec<Mark>) {
    marks.clear();
    let mut prev: Option<char> = None;
    let mut last_solid: Option<char> = None;
    let mut space_since_solid = false;
    // The last solid character ended a sentence, allowing for closing marks
    // and brackets after it (`… interesting.' "My …`).
    let mut sentence_ended = false;
    let mut chars = text.char_indices().peekable();
    while let Some((pos, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let mark = classify(text, pos, c, prev, next);
        if let Some((family, role, weak)) = mark {
            marks.push(Mark {
                pos,
                len: c.len_utf8(),
                family,
                role,
                weak,
                after_sentence_end: space_since_solid && sentence_ended,
                at_para_start: last_solid.is_none(),
                after_intro: matches!(last_solid, Some(':' | ',')),
            });
        }
        if c.is_whitespace() {
            space_since_solid = true;
        } else {
            let closes =
                matches!(c, ')' | ']') || mark.is_some_and(|(_, role, _)| role == Role::Close);
            sentence_ended = matches!(c, '.' | '!' | '?' | '\u{2026}')
                || (closes && sentence_ended && !space_since_solid);
            last_solid = Some(c);
            space_since_solid = false;
        }
        prev = Some(c);
    }
}

/// Per-mark look-ahead, computed once per paragraph in one backward pass.
#[derive(Debug, Default)]
struct Ahead {
    /// How many marks of the same family that can close come after this one.
    closers_after: Vec<usize>,
    /// Whether a non-weak closer of the same family comes after this one.
    strong_after: Vec<bool>,
    /// Index of the next mark of the same family.
    next_same: Vec<Option<usize>>,
}

impl Ahead {
    fn compute(&mut self, marks: &[Mark]) {
        let n = marks.len();
        self.closers_after.clear();
        self.closers_after.resize(n, 0);
        self.strong_after.clear();
        self.strong_after.resize(n, false);
        self.next_same.clear();
        self.next_same.resize(n, None);
        let mut closers = [0usize; Family::COUNT];
        let mut strong = [false; Family::COUNT];
        let mut next = [None; Family::COUNT];
        for k in (0..n).rev() {
            let f = marks[k].family.index();
            self.closers_after[k] = closers[f];
            self.strong_after[k] = strong[f];
            self.next_same[k] = next[f];
            if marks[k].role != Role::Open {
                closers[f] += 1;
                strong[f] |= !marks[k].weak;
            }
            next[f] = Some(k);
        }
    }

    /// True when the next two marks of the same family after `k` can both close:
    /// an opener there begins a nested quote rather than a new one.
    fn two_closers_follow(&self, marks: &[Mark], k: usize) -> bool {
        let closes = |i: Option<usize>| i.is_some_and(|i| marks[i].role != Role::Open);
        let first = self.next_same[k];
        closes(first) && closes(first.and_then(|i| self.next_same[i]))
    }
}

/// How the quotation left open at the end of one paragraph goes on in the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Carry {
    None,
    /// The next paragraph opens again with a mark of this family (news convention).
    Reopen,
    /// The next paragraph goes on without an opening mark and closes later.
    NoMark(Family),
}

/// How a paragraph begins, as far as quotation goes.
#[derive(Debug, Clone, Copy, Default)]
struct Start {
    /// Family of a mark at the very start that can open.
    opens: Option<Family>,
    /// Family of a first mark (anywhere) that can only close.
    closes: Option<Family>,
}

impl Start {
    fn of(marks: &[Mark]) -> Self {
        let Some(first) = marks.first() else {
            return Start::default();
        };
        Start {
            opens: (first.at_para_start && first.role != Role::Close).then_some(first.family),
            closes: (first.role == Role::Close).then_some(first.family),
        }
    }
}

/// A quotation opened and not yet closed.
#[derive(Debug)]
struct Frame {
    family: Family,
    open_mark: Option<usize>,
    content_start: usize,
    continued: bool,
    /// Opened at the paragraph start or after a colon or comma, or continues a
    /// quotation: plausible as a quotation even when unclosed.
    plausible: bool,
    /// Quotes nested inside, kept only in case this frame turns out to be stray.
    children: Vec<QuoteSpan>,
}

/// Deepest nesting followed; deeper openers are treated as text.
const MAX_DEPTH: usize = 8;

/// The pairing state for one paragraph.
struct Pairer<'a> {
    paragraph: usize,
    text: &'a str,
    stack: Vec<Frame>,
    out: &'a mut Vec<QuoteSpan>,
}

impl Pairer<'_> {
    fn push(&mut self, m: &Mark, continued: bool) {
        if self.stack.len() >= MAX_DEPTH {
            return;
        }
        self.stack.push(Frame {
            family: m.family,
            open_mark: Some(m.pos),
            content_start: m.pos + m.len,
            continued,
            plausible: m.at_para_start || m.after_intro,
            children: Vec::new(),
        });
    }

    /// Ends `frame` at byte `end` (the closing mark, or where the text stops) and
    /// hands the piece to the enclosing frame, or to the output at top level.
    fn finish(&mut self, frame: Frame, end: usize, close_mark: Option<usize>) {
        let inner = &self.text[frame.content_start..end];
        let start = frame.content_start + (inner.len() - inner.trim_start().len());
        let end = frame.content_start + inner.trim_end().len();
        if start >= end {
            return;
        }
        let piece = QuoteSpan {
            span: Span::new(self.paragraph, start, end),
            open_mark: frame.open_mark,
            close_mark,
            continued: frame.continued,
        };
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(piece),
            None => self.out.push(piece),
        }
    }

    /// Outputs the closed quotes nested in frames that are being dropped as stray.
    fn promote_children(&mut self) {
        for frame in self.stack.drain(..) {
            self.out.extend(frame.children);
        }
    }
}

/// Finds every quote in the paragraphs, in text order.
///
/// A span covers the words between the marks, without the marks and without
/// white space next to them; punctuation inside the marks (the `,` in
/// `"…power," he said`) is part of the quote. A quotation over several
/// paragraphs gives one piece per paragraph, the later ones `continued`.
///
/// # Algorithm
/// 1. **Classify marks by their neighbours** (one pass over the characters). A
///    mark after the start, white space, an opening bracket, a dash, a colon or
///    another mark, and before a non-space that is not closing punctuation, can open; one after a non-space and
///    before white space, punctuation or the end can close. When the neighbours
///    settle it they win over the glyph (the seed opens with `“` and closes with
///    `"`, and `„…“` works too); otherwise the glyph decides, and a straight `"`
///    stays *either*. Single marks are dropped when they sit between letters
///    (`Iran's`, `Russia’s`), before a digit (`’90s`) or start an elision
///    (`'n'`, `'em`); a single closer followed by a lower-case word is *weak*
///    (`players’ union`, `Iran' state TV`).
/// 2. **Pair with a stack** (one pass over the marks, with look-ahead counts
///    computed in one backward pass). An opener inside an open quote nests (the
///    seed's `"Resistance Axis"` stays inside the outer quote), except that an
///    opener right after a sentence end at depth one, when the next two marks
///    of its family do not both close, ends the open quote without a mark and
///    starts a continued one: text that lost its paragraph breaks
///    (`…26 weeks. "We are going…`). A closer closes the innermost open quote
///    of its family, unless too few closers remain for the outer ones and the
///    outermost opened where speech plausibly begins (see 3): then the inner
///    opener was stray and the outermost quote closes. An
///    *either* mark closes when its family is open, else opens. Single and
///    angle marks open only at top level with a closer ahead, and close only
///    their own quote, a weak closer only if no strong one follows; inside a
///    double quote they are part of its text.
/// 3. **Paragraph ends.** A quote still open runs on when the next paragraph
///    opens again at its start (news convention) or begins with a closer; it
///    ends at the paragraph end without a closing mark when it runs on, is a
///    continuation itself, or opened at the paragraph start or after a colon
///    or comma.
///    Otherwise it was a stray mark: it is dropped and the quotes nested in it
///    are kept as quotes of their own.
pub fn find_quotes(paragraphs: &[String]) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    let mut marks = Vec::new();
    let mut next_marks = Vec::new();
    let mut ahead = Ahead::default();
    let mut carry = Carry::None;
    if let Some(first) = paragraphs.first() {
        scan_marks(first, &mut next_marks);
    }
    for (p, text) in paragraphs.iter().enumerate() {
        std::mem::swap(&mut marks, &mut next_marks);
        match paragraphs.get(p + 1) {
            Some(next) => scan_marks(next, &mut next_marks),
            None => next_marks.clear(),
        }
        ahead.compute(&marks);
        carry = pair_paragraph(
            p,
            text,
            &marks,
            &ahead,
            carry,
            Start::of(&next_marks),
            &mut out,
        );
    }
    out
}

/// Pairs the marks of one paragraph, appending its quotes to `out`; returns how
/// a quotation left open goes on into the next paragraph.
fn pair_paragraph(
    paragraph: usize,
    text: &str,
    marks: &[Mark],
    ahead: &Ahead,
    carry: Carry,
    next_start: Start,
    out: &mut Vec<QuoteSpan>,
) -> Carry {
    let mut pairer = Pairer {
        paragraph,
        text,
        stack: Vec::new(),
        out,
    };
    let mut reopen_pending = carry == Carry::Reopen;
    if let Carry::NoMark(family) = carry {
        pairer.stack.push(Frame {
            family,
            open_mark: None,
            content_start: text.len() - text.trim_start().len(),
            continued: true,
            plausible: true,
            children: Vec::new(),
        });
    }
    for (k, m) in marks.iter().enumerate() {
        match m.family {
            Family::Single | Family::Angle => match pairer.stack.last() {
                None if m.role == Role::Open && ahead.closers_after[k] > 0 => pairer.push(m, false),
                Some(top) if top.family == m.family && m.role == Role::Close => {
                    if m.weak && ahead.strong_after[k] {
                        continue;
                    }
                    if let Some(frame) = pairer.stack.pop() {
                        pairer.finish(frame, m.pos, Some(m.pos));
                    }
                }
                _ => {}
            },
            Family::Double | Family::Guillemet => {
                let open_here = pairer.stack.iter().any(|f| f.family == m.family);
                let role = match m.role {
                    Role::Either if open_here => Role::Close,
                    Role::Either => Role::Open,
                    role => role,
                };
                if role == Role::Open {
                    let continues = std::mem::take(&mut reopen_pending) && pairer.stack.is_empty();
                    let run_on = pairer.stack.len() == 1
                        && pairer.stack[0].family == m.family
                        && m.after_sentence_end
                        && !ahead.two_closers_follow(marks, k);
                    if run_on && let Some(frame) = pairer.stack.pop() {
                        pairer.finish(frame, m.pos, None);
                        pairer.push(m, true);
                    } else {
                        pairer.push(m, continues);
                    }
                    continue;
                }
                reopen_pending = false;
                let Some(mut target) = pairer.stack.iter().rposition(|f| f.family == m.family)
                else {
                    continue; // a stray closer
                };
                let open_below = pairer.stack[..target]
                    .iter()
                    .filter(|f| f.family == m.family)
                    .count();
                let may_stay_open = usize::from(next_start.opens == Some(m.family));
                let outermost = pairer
                    .stack
                    .iter()
                    .position(|f| f.family == m.family)
                    .unwrap_or(target);
                if open_below > ahead.closers_after[k] + may_stay_open
                    && pairer.stack[outermost].plausible
                {
                    // Not enough closers left for the outer quotes, and the outermost one
                    // opened where speech begins: the inner opener was stray.
                    target = outermost;
                }
                pairer.stack.truncate(target + 1);
                if let Some(frame) = pairer.stack.pop() {
                    pairer.finish(frame, m.pos, Some(m.pos));
                }
            }
        }
    }
    let Some(bottom) = pairer.stack.first() else {
        return Carry::None;
    };
    let family = bottom.family;
    let next = if !family.may_run_on() {
        Carry::None
    } else if next_start.opens == Some(family) {
        Carry::Reopen
    } else if next_start.closes == Some(family) {
        Carry::NoMark(family)
    } else {
        Carry::None
    };
    if family.may_run_on() && (next != Carry::None || bottom.continued || bottom.plausible) {
        pairer.stack.truncate(1);
        if let Some(frame) = pairer.stack.pop() {
            pairer.finish(frame, text.len(), None);
        }
        next
    } else {
        pairer.promote_children();
        Carry::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quoted texts found in `paragraphs`, with `+` before continued pieces
    /// and `…` after pieces without a closing mark.
    fn texts(paragraphs: &[&str]) -> Vec<String> {
        let owned: Vec<String> = paragraphs.iter().map(|p| (*p).to_string()).collect();
        find_quotes(&owned)
            .iter()
            .map(|q| {
                let text = &owned[q.span.paragraph][q.span.range()];
                format!(
                    "{}{}{}",
                    if q.continued { "+" } else { "" },
                    text,
                    if q.close_mark.is_none() { "…" } else { "" }
                )
            })
            .collect()
    }

    fn one(paragraph: &str) -> Vec<String> {
        texts(&[paragraph])
    }

    #[test]
    fn find_quotes_pairs_straight_and_curly_marks() {
        assert_eq!(one(r#""We will win," she said."#), ["We will win,"]);
        assert_eq!(one("“We will win,” she said."), ["We will win,"]);
        assert_eq!(
            one("“Mixed,\" he said. \"Also mixed,” he claimed."),
            ["Mixed,", "Also mixed,"]
        );
    }

    #[test]
    fn find_quotes_keeps_nested_quotes_inside_the_outer_one() {
        assert_eq!(
            one(r#""Some say the "Blue Line" is closed, others not," the mayor said."#),
            [r#"Some say the "Blue Line" is closed, others not,"#]
        );
        assert_eq!(
            one(r#""They called it "madness"," she said."#),
            [r#"They called it "madness","#]
        );
        assert_eq!(
            one("“He said ‘never’ to me,” she said."),
            ["He said ‘never’ to me,"]
        );
    }

    #[test]
    fn find_quotes_finds_partial_quotes() {
        assert_eq!(
            one(
                r#"She said the club harbored a "special love for jazz" and left, calling it "a duty.""#
            ),
            ["special love for jazz", "a duty."]
        );
    }

    #[test]
    fn find_quotes_ignores_apostrophes() {
        assert_eq!(
            one(
                "Iran's role, Russia’s war, the ’90s, rock 'n' roll and according to Iran' state TV."
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            one("The players’ union said Holt's plan was 'unworkable' at the O'Brien hall."),
            ["unworkable"]
        );
    }

    #[test]
    fn find_quotes_pairs_single_curly_quotes_only_when_clear() {
        assert_eq!(one("‘We will win’, says Mayor Holt"), ["We will win"]);
        assert_eq!(one("‘I’m staying’ says Holt"), ["I’m staying"]);
        assert_eq!(one("Holt’s ‘rock ’n’ roll’, years ago"), ["rock ’n’ roll"]);
        assert_eq!(
            one("The ’80s were the decade of Holt’s youth."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn find_quotes_pairs_guillemets() {
        assert_eq!(
            one("« Nous gagnerons », a dit Mme Holt."),
            ["Nous gagnerons"]
        );
        assert_eq!(one("»Wir gewinnen«, sagte Holt."), ["Wir gewinnen"]);
        assert_eq!(one("„Wir gewinnen“, sagte Holt."), ["Wir gewinnen"]);
        assert_eq!(one("Home › News › World"), Vec::<String>::new());
        assert_eq!(one("He said ‹ok› twice."), ["ok"]);
    }

    #[test]
    fn find_quotes_continues_quotes_over_paragraphs() {
        assert_eq!(
            texts(&[
                r#"Holt said: "The first part."#,
                r#""The second part."#,
                r#""The end," she said."#
            ]),
            ["The first part.…", "+The second part.…", "+The end,"]
        );
        // A closing mark without a reopening mark also continues.
        assert_eq!(
            texts(&[r#""Begun here"#, r#"and ended," she said."#]),
            ["Begun here…", "+and ended,"]
        );
    }

    #[test]
    fn find_quotes_splits_quotes_whose_paragraph_breaks_were_lost() {
        assert_eq!(
            one(r#""We call it 'home.' "And we stay," she said."#),
            ["We call it 'home.'…", "+And we stay,"]
        );
        assert_eq!(
            one(r#"Holt said: "We doubled it. "We will double it again." She left. "Done.""#),
            ["We doubled it.…", "+We will double it again.", "Done."]
        );
        // ...but a nested quote after a sentence end with two closers ahead stays nested.
        assert_eq!(
            one(r#""I told him. "Go home," I said. And he left," she said."#),
            [r#"I told him. "Go home," I said. And he left,"#]
        );
    }

    #[test]
    fn find_quotes_drops_stray_marks() {
        assert_eq!(
            one(r#"The 5" screen and a "special offer" sold well."#),
            ["special offer"]
        );
        assert_eq!(
            texts(&[
                r#"He used the word "terrible to describe the "crisis" today."#,
                "Next."
            ]),
            ["crisis"]
        );
        // A stray inner opener does not swallow the outer quote's closer.
        assert_eq!(
            one(r#""The "plan is wrong," she said."#),
            [r#"The "plan is wrong,"#]
        );
    }

    #[test]
    fn find_quotes_keeps_plausible_unclosed_quotes() {
        // Whole paragraph quoted, closing mark forgotten.
        assert_eq!(
            texts(&[r#""We will win."#, "Then she left."]),
            ["We will win.…"]
        );
        assert_eq!(
            texts(&[r#"Holt said: "We will win."#, "Then she left."]),
            ["We will win.…"]
        );
    }

    #[test]
    fn find_quotes_spans_exclude_marks_and_are_char_boundaries() {
        let paragraphs = vec!["«  Ça va ?  » — “Ünïcödé”".to_string()];
        let quotes = find_quotes(&paragraphs);
        assert_eq!(quotes.len(), 2);
        for q in &quotes {
            let p = &paragraphs[q.span.paragraph];
            assert!(p.is_char_boundary(q.span.start) && p.is_char_boundary(q.span.end));
            let open = q.open_mark.expect("opened");
            let close = q.close_mark.expect("closed");
            assert!(open < q.span.start && q.span.end <= close);
        }
        assert_eq!(&paragraphs[0][quotes[0].span.range()], "Ça va ?");
    }

    /// The seed article's body paragraphs (the last three are site navigation).
    fn seed() -> Vec<String> {
        let text = include_str!("../../assets/sample/iran-syria.txt");
        let mut paragraphs: Vec<String> = text
            .split("\n\n")
            .map(|p| p.trim().replace('\n', " "))
            .collect();
        paragraphs.truncate(paragraphs.len() - 3);
        paragraphs
    }

    #[test]
    fn find_quotes_finds_the_eight_seed_quotes() {
        let paragraphs = seed();
        let found: Vec<&str> = find_quotes(&paragraphs)
            .iter()
            .map(|q| &paragraphs[q.span.paragraph][q.span.range()])
            .collect();
        assert_eq!(found.len(), 8, "{found:#?}");
        assert!(found[0].starts_with("Today's Syria is not") && found[0].ends_with("as a power,"));
        assert!(
            found[1].starts_with("Some leaders") && found[1].ends_with("drink coffee together,")
        );
        assert!(
            found[2].starts_with("However, people") && found[2].ends_with("reality of the region,")
        );
        assert_eq!(found[3], "special zeal for Syria");
        assert_eq!(found[4], "very serious about the issue of Syria");
        assert!(found[5].starts_with(
            "Some believe that Iran's support for the \"Resistance Axis\" is through"
        ));
        assert!(found[5].ends_with("its continuation,"));
        assert_eq!(found[6], "strategic relations between Iran and Syria");
        assert_eq!(found[7], "dominating the entire region.");
    }

    proptest::proptest! {
        #[test]
        fn find_quotes_spans_stay_inside_their_paragraph(
            paragraphs in proptest::collection::vec("[a-z .,'\"“”‘’«»‹›:\n-]{0,40}", 0..5)
        ) {
            let quotes = find_quotes(&paragraphs);
            let mut last = (0, 0);
            for q in &quotes {
                let p = &paragraphs[q.span.paragraph];
                proptest::prop_assert!(q.span.start < q.span.end && q.span.end <= p.len());
                proptest::prop_assert!(p.is_char_boundary(q.span.start) && p.is_char_boundary(q.span.end));
                proptest::prop_assert!((q.span.paragraph, q.span.start) >= last, "quotes in text order");
                last = (q.span.paragraph, q.span.end);
            }
        }
    }
}
