//! Makes untrusted article text safe to show in a terminal. The loader runs
//! every string it hands out (titles, metadata, paragraphs, removed lines)
//! through [`sanitize`] after decoding, so no later layer has to think about
//! escape sequences.
//!
//! Terminal viewers have shipped remote-code bugs through text they printed
//! (less CVE-2022-46663, xterm CVE-2022-45063, radare2 CVE-2023-0302, which
//! slipped past an ESC filter with 8-bit C1 controls). So nothing that a
//! terminal interprets may survive, and what was there stays *visible*:
//!
//! | input | output |
//! | --- | --- |
//! | tab | spaces up to the next multiple of [`TAB_WIDTH`] columns, counted from the start of the line |
//! | line feed, carriage return, CRLF, U+2028, U+2029 | one space (our strings are single lines; reflow wraps them) |
//! | ESC and the whole sequence it starts (CSI, OSC, DCS, SOS, PM, APC, nF and two-character escapes) | one `␛` (U+241B), sequence body dropped |
//! | the 8-bit forms of those introducers (U+009B CSI, U+009D OSC, U+0090 DCS, U+0098 SOS, U+009E PM, U+009F APC) | one `␛`, sequence body dropped |
//! | an introducer whose sequence never ends (no final byte, no string terminator before the next control or the end) | one `␛`; the text after it is kept |
//! | any other C1 control (U+0080–U+009F) | `␛` |
//! | any other C0 control (U+0000–U+001F) | its control picture, U+2400 + code (`␀`, `␇`, ...) |
//! | DEL (U+007F) | `␡` (U+2421) |
//! | bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) | `⇄` (U+21C4), so reordering tricks ("Trojan Source") show where they were |
//! | zero-width space, word joiner, BOM, soft hyphen, invisible operators and other format characters (U+200B, U+2060–U+2064, U+206A–U+206F, U+FEFF, U+00AD, U+180E, U+FFF9–U+FFFB) | removed |
//! | bidi marks (LRM U+200E, RLM U+200F, ALM U+061C) | removed: invisible, and they move neutral characters around |
//! | tag characters (U+E0000–U+E007F), invisible ASCII look-alikes used to smuggle text | removed |
//! | zero-width non-joiner and joiner (U+200C, U+200D) | kept between two letters, where they change spelling (Persian, Indic scripts); removed elsewhere, so emoji sequences show as their parts and every cell's width is certain |
//!
//! Everything else passes through unchanged.

/// Tab stops are this many columns apart.
pub const TAB_WIDTH: usize = 4;

/// Shown in place of ESC, a whole escape sequence, or a C1 control.
pub const ESCAPE_MARKER: char = '\u{241B}';
/// Shown in place of DEL.
pub const DELETE_MARKER: char = '\u{2421}';
/// Shown in place of a bidi embedding, override or isolate.
pub const BIDI_MARKER: char = '\u{21C4}';

use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// 8-bit String Terminator.
const ST_8BIT: char = '\u{9c}';

/// True for characters that [`sanitize`] never lets through: the property the
/// fuzz test checks. (The joiners are let through between letters only.)
pub fn is_forbidden(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_invisible(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Bidi embeddings, overrides and isolates: they reorder the text around them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters with no width that carry nothing a reader needs, and that make
/// identical-looking names differ.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206A}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Zero-width non-joiner and joiner: meaningful inside words, noise elsewhere.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// True when a joiner between `before` and `after` shapes letters of a word:
/// a letter (or a combining mark, such as a virama) before it, a letter after.
fn joins_letters(before: Option<char>, after: Option<char>) -> bool {
    let before = before.is_some_and(|b| {
        b.is_alphabetic() || (b.width() == Some(0) && !is_forbidden(b) && !is_joiner(b))
    });
    before && after.is_some_and(char::is_alphabetic)
}

/// True for a character [`sanitize`] may change or drop.
fn needs_care(c: char) -> bool {
    // Printable ASCII first: nearly every character of most text.
    !(' '..'\u{7f}').contains(&c) && (is_forbidden(c) || is_joiner(c))
}

/// The input, one character of lookahead.
type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// What kind of sequence an introducer starts, deciding where its body ends.
#[derive(Clone, Copy)]
enum Body {
    /// CSI: parameter and intermediate bytes, then one final byte (0x40–0x7E).
    Csi,
    /// OSC, DCS, SOS, PM, APC: anything up to a string terminator (ST or BEL).
    ControlString,
}

/// Returns `text` with every terminal control made harmless and visible (see
/// the module table).
///
/// # Algorithm
/// One pass over the characters. ESC looks at the next character to decide
/// what it introduces: `[` a CSI, `]` `P` `X` `^` `_` a control string,
/// 0x20–0x2F an nF escape (intermediates, then one final 0x30–0x7E), 0x30–0x7E
/// a two-character escape; anything else leaves a lone ESC. The 8-bit C1
/// introducers start the same bodies directly. A body is dropped only when it
/// ends as the terminal would end it (a CSI's final byte; BEL, ST or `ESC \`
/// after a control string); a body cut short by another control character or
/// the end of the text is kept as text, so nothing can hide the rest of a
/// paragraph. The control that cut it is then handled on its own: a spliced
/// `ESC NUL [31m` shows as `␛␀[31m` (visible, and inert because the `[` no
/// longer follows an ESC). The look-ahead stops at the next control, so the
/// whole pass stays linear.
pub fn sanitize(text: &str) -> String {
    sanitized(text).into_owned()
}

/// [`sanitize`] without a copy when the text is already safe (most lines of
/// most files): the loader keeps millions of lines of a big file this way.
pub fn sanitized(text: &str) -> Cow<'_, str> {
    if is_plainly_safe(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(walk(text))
    }
}

/// [`sanitized`] for a string owned already: replaced only when its
/// sanitised form differs (text read back from a file of lede's own).
pub fn sanitize_in_place(text: &mut String) {
    if let Cow::Owned(clean) = sanitized(text) {
        *text = clean;
    }
}

/// The sanitiser proper: one pass over the characters.
fn walk(text: &str) -> String {
    let mut out = Output::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' => out.tab(),
            '\r' => {
                // CRLF is one line break.
                chars.next_if_eq(&'\n');
                out.line_break();
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.line_break(),
            ESC => {
                out.push(ESCAPE_MARKER);
                match chars.peek().copied() {
                    Some('[') => skip_sequence(&mut chars, 1, Body::Csi),
                    Some(']' | 'P' | 'X' | '^' | '_') => {
                        skip_sequence(&mut chars, 1, Body::ControlString);
                    }
                    Some('\u{20}'..='\u{2f}') => {
                        // nF escape such as `ESC ( B`: intermediates, then a final.
                        while chars
                            .next_if(|&n| matches!(n, '\u{20}'..='\u{2f}'))
                            .is_some()
                        {}
                        chars.next_if(|&n| matches!(n, '\u{30}'..='\u{7e}'));
                    }
                    Some('\u{30}'..='\u{7e}') => {
                        chars.next();
                    }
                    _ => {}
                }
            }
            '\u{9b}' => {
                out.push(ESCAPE_MARKER);
                skip_sequence(&mut chars, 0, Body::Csi);
            }
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                out.push(ESCAPE_MARKER);
                skip_sequence(&mut chars, 0, Body::ControlString);
            }
            '\u{80}'..='\u{9f}' => out.push(ESCAPE_MARKER),
            '\u{7f}' => out.push(DELETE_MARKER),
            '\u{0}'..='\u{1f}' => out.push(control_picture(c)),
            c if is_bidi_control(c) => out.push(BIDI_MARKER),
            c if is_invisible(c) => {}
            c if is_joiner(c) => {
                if joins_letters(out.text.chars().next_back(), chars.peek().copied()) {
                    out.push(c);
                }
            }
            c => out.push(c),
        }
    }
    out.text
}

/// The sanitised text being built, with the column reached on the current
/// line (display width since the last line break) for tab stops.
struct Output {
    text: String,
    /// Display columns of the current line up to `counted` bytes of `text`:
    /// counted only when a tab needs it, so plain text is copied, not measured.
    column: usize,
    counted: usize,
}

impl Output {
    fn with_capacity(capacity: usize) -> Output {
        Output {
            text: String::with_capacity(capacity),
            column: 0,
            counted: 0,
        }
    }

    fn push(&mut self, c: char) {
        self.text.push(c);
    }

    /// Spaces up to the next tab stop (at least one).
    fn tab(&mut self) {
        self.column += self.text[self.counted..]
            .chars()
            .map(|c| c.width().unwrap_or(0))
            .sum::<usize>();
        let spaces = TAB_WIDTH - self.column % TAB_WIDTH;
        self.text.extend(std::iter::repeat_n(' ', spaces));
        self.column += spaces;
        self.counted = self.text.len();
    }

    /// A line break becomes a space, and the next line starts at column 0.
    fn line_break(&mut self) {
        self.text.push(' ');
        self.column = 0;
        self.counted = self.text.len();
    }
}

/// A quick check that `text` has nothing to change. Most text is printable
/// ASCII, which a byte test (that the compiler vectorises) settles; anything
/// else is checked character by character, without building a copy.
fn is_plainly_safe(text: &str) -> bool {
    // Lead bytes of every character that may need care: C0 and DEL, C1 and
    // U+00AD (0xC2), U+061C (0xD8), U+180E (0xE1), U+200B–U+206F (0xE2),
    // U+FEFF and U+FFF9–U+FFFB (0xEF), the tag characters (0xF3).
    let suspect = |b: u8| b < 0x20 || matches!(b, 0x7f | 0xC2 | 0xD8 | 0xE1 | 0xE2 | 0xEF | 0xF3);
    !text.bytes().any(suspect) || !text.chars().any(needs_care)
}

/// The Unicode control picture for a C0 control (U+2400 + code).
fn control_picture(c: char) -> char {
    char::from_u32(0x2400 + u32::from(c)).unwrap_or(ESCAPE_MARKER)
}

/// Consumes a whole escape sequence, `introducer` characters and then its
/// body, when the body is terminated; leaves `chars` where it was otherwise,
/// so that text after an introducer that never ends a sequence stays visible.
fn skip_sequence(chars: &mut Chars<'_>, introducer: usize, body: Body) {
    let mut ahead = chars.clone();
    for _ in 0..introducer {
        ahead.next();
    }
    if skip_body(&mut ahead, body) {
        *chars = ahead;
    }
}

/// Consumes the body of an escape sequence after its introducer; true when
/// it ended properly (a CSI's final byte, a control string's terminator).
fn skip_body(chars: &mut Chars<'_>, body: Body) -> bool {
    match body {
        Body::Csi => {
            // Parameters and intermediates (0x20–0x3F), then one final byte.
            while chars
                .next_if(|&n| matches!(n, '\u{20}'..='\u{3f}'))
                .is_some()
            {}
            chars
                .next_if(|&n| matches!(n, '\u{40}'..='\u{7e}'))
                .is_some()
        }
        Body::ControlString => loop {
            match chars.next() {
                Some(BEL | ST_8BIT) => return true,
                // `ESC \` is the terminator; any other ESC starts anew.
                Some(ESC) => return chars.next_if_eq(&'\\').is_some(),
                // Another control, or the end: the string never ended.
                Some(n) if n.is_control() => return false,
                Some(_) => {}
                None => return false,
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sanitize_neutralises_hostile_strings() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "plain text",
                "Tehran’s “role” — café",
                "Tehran’s “role” — café",
            ),
            ("SGR colour", "\x1b[31mred\x1b[0m", "␛red␛"),
            ("CSI with intermediates", "a\x1b[?25lb", "a␛b"),
            (
                "OSC 52 clipboard, BEL",
                "x\x1b]52;c;cm0gLXJmIH4=\x07y",
                "x␛y",
            ),
            (
                "OSC 8 link, ST",
                "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
                "␛click␛",
            ),
            ("window title", "\x1b]0;pwned\x07News", "␛News"),
            ("DCS", "\x1bPq#0;2;0;0;0\x1b\\after", "␛after"),
            ("APC", "\x1b_hidden\x1b\\shown", "␛shown"),
            ("two-char escape", "\x1bcreset", "␛reset"),
            ("nF escape", "\x1b(Bdone", "␛done"),
            ("lone ESC at end", "end\x1b", "end␛"),
            ("C1 CSI", "\u{9b}31mred", "␛red"),
            ("C1 OSC with 8-bit ST", "\u{9d}0;title\u{9c}body", "␛body"),
            ("other C1", "a\u{85}b", "a␛b"),
            ("NUL splice", "\x1b\x00[31m", "␛␀[31m"),
            (
                "control inside OSC: not a sequence",
                "\x1b]0;ti\x00tle",
                "␛]0;ti␀tle",
            ),
            (
                "unterminated OSC keeps its text",
                "\x1b]0;runs on",
                "␛]0;runs on",
            ),
            (
                "unterminated C1 OSC keeps its text",
                "\u{9d}0;runs on",
                "␛0;runs on",
            ),
            (
                "nested OSC",
                "\x1b]0;\x1b]0;inner\x07outer\x07",
                "␛]0;␛outer␇",
            ),
            ("title report", "\x1b[21tnews", "␛news"),
            ("split over lines", "a\x1b\n[31mb", "a␛ [31mb"),
            ("C0 controls", "bell\x07 back\x08", "bell␇ back␈"),
            ("DEL", "a\x7fb", "a␡b"),
            ("tab to the next stop", "a\tb", "a   b"),
            ("tab at a stop", "abcd\te", "abcd    e"),
            ("tabs after wide characters", "中文\tx\t", "中文    x   "),
            (
                "tab stops restart after a line break",
                "abc\nd\te",
                "abc d   e",
            ),
            ("newlines", "a\nb\r\nc\r", "a b c "),
            ("bidi override", "abc\u{202E}fed\u{202C}", "abc⇄fed⇄"),
            ("bidi isolate", "\u{2066}x\u{2069}", "⇄x⇄"),
            (
                "zero width and soft hyphen",
                "Te\u{200B}hr\u{AD}an\u{FEFF}",
                "Tehran",
            ),
            ("bidi marks", "\u{200F}abc\u{200E} \u{61C}1", "abc 1"),
            (
                "tag characters smuggling text",
                "ok\u{E0001}\u{E0069}\u{E0067}\u{E007F}",
                "ok",
            ),
            (
                "a non-joiner inside a Persian word stays",
                "می\u{200C}خواهم",
                "می\u{200C}خواهم",
            ),
            ("a joiner after a virama stays", "क्\u{200D}ष", "क्\u{200D}ष"),
            (
                "a joiner between emoji goes: the parts show",
                "👩\u{200D}💻 \u{200C}x",
                "👩💻 x",
            ),
        ];
        for (name, input, expected) in cases {
            assert_eq!(sanitize(input), *expected, "case: {name}");
        }
    }

    #[test]
    fn sanitize_keeps_text_after_an_unterminated_csi() {
        // No final byte: not a sequence, so nothing after the ESC is hidden.
        assert_eq!(sanitize("\x1b[12;é"), "␛[12;é");
    }

    proptest! {
        #[test]
        fn sanitize_output_has_no_forbidden_char(input in any::<String>()) {
            let out = sanitize(&input);
            prop_assert!(!out.chars().any(is_forbidden), "{:?} -> {:?}", input, out);
        }

        #[test]
        fn sanitize_output_has_no_forbidden_char_from_escape_heavy_input(
            input in "[\\x00-\\x20\\x1b\\[\\]\\\\P_^X;0-9a-zA-Z\\x7f-\\u{a0}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}\\u{200b}-\\u{200f}\\u{feff}\\u{e0000}-\\u{e007f}\\u{61c}a-zا-ي]{0,64}"
        ) {
            let out = sanitize(&input);
            prop_assert!(!out.chars().any(is_forbidden), "{:?} -> {:?}", input, out);
        }

        #[test]
        fn sanitize_fast_path_agrees_with_the_walk(
            input in "[\\x00-\\x20a-z\\x7f-\\u{a0}\\u{ad}\\u{61c}\\u{180e}\\u{200b}-\\u{206f}\\u{feff}\\u{fff9}-\\u{fffb}\\u{e0000}-\\u{e007f}ا-ي中文👩]{0,32}"
        ) {
            prop_assert_eq!(sanitized(&input).into_owned(), walk(&input));
        }

        #[test]
        fn sanitize_is_idempotent(input in any::<String>()) {
            let once = sanitize(&input);
            prop_assert_eq!(sanitize(&once), once);
        }
    }
}
