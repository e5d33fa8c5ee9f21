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
//! | tab, line feed, carriage return, U+2028, U+2029 | one space (our strings are single lines; reflow wraps them) |
//! | ESC and the whole sequence it starts (CSI, OSC, DCS, SOS, PM, APC, nF and two-character escapes) | one `␛` (U+241B), sequence body dropped |
//! | the 8-bit forms of those introducers (U+009B CSI, U+009D OSC, U+0090 DCS, U+0098 SOS, U+009E PM, U+009F APC) | one `␛`, sequence body dropped |
//! | any other C1 control (U+0080–U+009F) | `␛` |
//! | any other C0 control (U+0000–U+001F) | its control picture, U+2400 + code (`␀`, `␇`, ...) |
//! | DEL (U+007F) | `␡` (U+2421) |
//! | bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) | `⇄` (U+21C4), so reordering tricks ("Trojan Source") show where they were |
//! | zero-width space, non-joiner, joiner, word joiner, BOM (U+200B–U+200D, U+2060, U+FEFF), soft hyphen (U+00AD) | removed |
//!
//! Everything else passes through unchanged.

/// Shown in place of ESC, a whole escape sequence, or a C1 control.
pub const ESCAPE_MARKER: char = '\u{241B}';
/// Shown in place of DEL.
pub const DELETE_MARKER: char = '\u{2421}';
/// Shown in place of a bidi embedding, override or isolate.
pub const BIDI_MARKER: char = '\u{21C4}';

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// 8-bit String Terminator.
const ST_8BIT: char = '\u{9c}';

/// True for characters that [`sanitize`] never lets through: the property the
/// fuzz test checks.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_invisible(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Bidi embeddings, overrides and isolates: they reorder the text around them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters with no width that carry nothing a reader needs.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
    )
}

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
/// introducers start the same bodies directly. A body is consumed until its
/// terminator; a control character inside a body ends the body early without
/// being consumed, so a spliced `ESC NUL [31m` shows as `␛␀[31m` (visible, and
/// inert because the `[` no longer follows an ESC).
pub fn sanitize(text: &str) -> String {
    if is_plainly_safe(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
            ESC => {
                out.push(ESCAPE_MARKER);
                match chars.peek().copied() {
                    Some('[') => {
                        chars.next();
                        skip_body(&mut chars, Body::Csi);
                    }
                    Some(']' | 'P' | 'X' | '^' | '_') => {
                        chars.next();
                        skip_body(&mut chars, Body::ControlString);
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
                skip_body(&mut chars, Body::Csi);
            }
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                out.push(ESCAPE_MARKER);
                skip_body(&mut chars, Body::ControlString);
            }
            '\u{80}'..='\u{9f}' => out.push(ESCAPE_MARKER),
            '\u{7f}' => out.push(DELETE_MARKER),
            '\u{0}'..='\u{1f}' => out.push(control_picture(c)),
            c if is_bidi_control(c) => out.push(BIDI_MARKER),
            c if is_invisible(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A quick byte check that `text` has nothing to change: no ASCII control and
/// none of the lead bytes (0xC2, 0xE2, 0xEF) that every other character we
/// change starts with. Plain ASCII and most non-Latin text pass; anything
/// else takes the full walk.
fn is_plainly_safe(text: &str) -> bool {
    text.bytes()
        .all(|b| (0x20..0x7f).contains(&b) || (b >= 0x80 && !matches!(b, 0xC2 | 0xE2 | 0xEF)))
}

/// The Unicode control picture for a C0 control (U+2400 + code).
fn control_picture(c: char) -> char {
    char::from_u32(0x2400 + u32::from(c)).unwrap_or(ESCAPE_MARKER)
}

/// Consumes the body of an escape sequence after its introducer.
fn skip_body(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, body: Body) {
    match body {
        Body::Csi => {
            // Parameters and intermediates (0x20–0x3F), then one final byte.
            while chars
                .next_if(|&n| matches!(n, '\u{20}'..='\u{3f}'))
                .is_some()
            {}
            chars.next_if(|&n| matches!(n, '\u{40}'..='\u{7e}'));
        }
        Body::ControlString => loop {
            match chars.peek().copied() {
                None => break,
                Some(BEL | ST_8BIT) => {
                    chars.next();
                    break;
                }
                Some(ESC) => {
                    // `ESC \` is the terminator; any other ESC starts anew.
                    let mut ahead = chars.clone();
                    ahead.next();
                    if ahead.peek() == Some(&'\\') {
                        chars.next();
                        chars.next();
                    }
                    break;
                }
                // Another control ends the body and is handled by the caller.
                Some(n) if n.is_control() => break,
                Some(_) => {
                    chars.next();
                }
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
            ("control inside OSC ends it", "\x1b]0;ti\x00tle", "␛␀tle"),
            ("C0 controls", "bell\x07 back\x08", "bell␇ back␈"),
            ("DEL", "a\x7fb", "a␡b"),
            ("tab and newline", "a\tb\nc\r", "a b c "),
            ("bidi override", "abc\u{202E}fed\u{202C}", "abc⇄fed⇄"),
            ("bidi isolate", "\u{2066}x\u{2069}", "⇄x⇄"),
            (
                "zero width and soft hyphen",
                "Te\u{200B}hr\u{AD}an\u{FEFF}",
                "Tehran",
            ),
        ];
        for (name, input, expected) in cases {
            assert_eq!(sanitize(input), *expected, "case: {name}");
        }
    }

    #[test]
    fn sanitize_keeps_text_after_an_unterminated_csi() {
        // The CSI ends at the first byte that cannot belong to it.
        assert_eq!(sanitize("\x1b[12;é"), "␛é");
    }

    proptest! {
        #[test]
        fn sanitize_output_has_no_forbidden_char(input in any::<String>()) {
            let out = sanitize(&input);
            prop_assert!(!out.chars().any(is_forbidden), "{:?} -> {:?}", input, out);
        }

        #[test]
        fn sanitize_output_has_no_forbidden_char_from_escape_heavy_input(
            input in "[\\x00-\\x20\\x1b\\[\\]\\\\P_^X;0-9a-zA-Z\\x7f-\\u{a0}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}\\u{200b}-\\u{200d}\\u{feff}]{0,64}"
        ) {
            let out = sanitize(&input);
            prop_assert!(!out.chars().any(is_forbidden), "{:?} -> {:?}", input, out);
        }

        #[test]
        fn sanitize_is_idempotent(input in any::<String>()) {
            let once = sanitize(&input);
            prop_assert_eq!(sanitize(&once), once);
        }
    }
}
