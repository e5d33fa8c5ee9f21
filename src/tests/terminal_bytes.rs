//! Audits the bytes a program wrote to a terminal: every escape sequence must
//! be one the drawing backend itself emits, and nothing else may be a control.
//! Shared by the `CrosstermBackend` test in the library (`src/ui/safety_tests.rs`)
//! and the real-binary test (`src/tests/tmux.rs`), which include this file.
//!
//! The crossterm backend writes cell text and only these sequences:
//! `ESC [ row ; col H` (move), `ESC [ … m` (SGR colours and attributes in the
//! forms crossterm writes: `38;5;n`, `38;2;r;g;b`, `39`, `1` …, never the
//! 30–37 short colours), `ESC [ ? n h/l` (cursor, alternate screen, mouse modes), and
//! `ESC [ n J/K` (clear). Anything else (an OSC, a DCS, a title report
//! `ESC [ 21 t`, a C1 control, BEL, a bidi control) can only have come from
//! content.

/// SGR first parameters crossterm writes: attributes (0–9, 21–29, 51–55) and the
/// extended colour forms (38/48/58 with their resets 39/49/59).
fn is_backend_sgr(first: u32) -> bool {
    matches!(first, 0..=9 | 21..=29 | 38 | 39 | 48 | 49 | 51..=55 | 58 | 59)
}

/// Checks `bytes` and returns the printed text with the backend's sequences
/// removed (so a caller can look for the visible markers it expects).
/// `forbidden` is the sanitiser's test ([`lede::sanitize::is_forbidden`]);
/// `line_ends` lets CR and LF through (a shell prints them around the program).
///
/// # Errors
///
/// Where and what the first foreign byte or sequence is.
pub fn audit(bytes: &[u8], forbidden: fn(char) -> bool, line_ends: bool) -> Result<String, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 at byte {} (a raw 8-bit control?)",
            e.valid_up_to()
        )
    })?;
    let context = |at: usize| {
        let start = (0..=at.saturating_sub(40))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let end = (at + 40..text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        format!("{:?}", &text[start..end])
    };
    let mut printed = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\u{1b}' {
            if chars.next_if(|&(_, n)| n == '[').is_none() {
                return Err(format!(
                    "ESC not starting a CSI at byte {at}: {}",
                    context(at)
                ));
            }
            let mut params = String::new();
            while let Some((_, p)) =
                chars.next_if(|&(_, n)| matches!(n, '0'..='9' | ';' | ':' | '?'))
            {
                params.push(p);
            }
            let Some((_, last)) = chars.next() else {
                return Err(format!("unfinished CSI at byte {at}"));
            };
            let numbers: Vec<Option<u32>> = params
                .trim_start_matches('?')
                .split([';', ':'])
                .map(|n| n.parse().ok())
                .collect();
            let private = params.starts_with('?');
            let ok = match last {
                'm' => {
                    !private
                        && numbers
                            .first()
                            .copied()
                            .flatten()
                            .is_none_or(is_backend_sgr)
                }
                'H' => !private && numbers.len() <= 2,
                'J' | 'K' => !private && numbers.len() == 1,
                'h' | 'l' => {
                    private
                        && matches!(
                            numbers.as_slice(),
                            [Some(25 | 1049 | 1000..=1006 | 1015 | 2004)]
                        )
                }
                _ => false,
            };
            if !ok {
                return Err(format!(
                    "CSI `{params}{last}` at byte {at} is not one the backend writes: {}",
                    context(at)
                ));
            }
        } else if line_ends && matches!(c, '\r' | '\n') {
            printed.push(c);
        } else if forbidden(c) {
            return Err(format!("{c:?} written at byte {at}: {}", context(at)));
        } else {
            printed.push(c);
        }
    }
    Ok(printed)
}
