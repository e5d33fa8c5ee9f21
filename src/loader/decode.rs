//! Bytes → text, the step between reading a file and parsing its format.
//! Called by [`crate::loader::parse_file`]; the text it returns is then parsed
//! and sanitised.
//!
//! In order:
//! 1. gzip data (magic bytes `1f 8b`, whatever the file is called) is
//!    decompressed, up to [`MAX_FILE_BYTES`] of output, so a gzip bomb is
//!    refused rather than filling memory;
//! 2. a byte-order mark decides: UTF-8, UTF-16LE or UTF-16BE;
//! 3. JSON without a mark may be UTF-16 (RFC 4627 §3: its first two
//!    characters are ASCII, so the pattern of zero bytes tells);
//! 4. a NUL byte near the start means binary: refused;
//! 5. valid UTF-8 is taken as it is (most files stop here);
//! 6. otherwise an encoding the file declares is used: an XML declaration
//!    (`<?xml … encoding="…"?>`), an HTML `<meta charset>` or
//!    `http-equiv` content type, or a JSON `"encoding"`/`"charset"` member, in
//!    the first KiB;
//! 7. otherwise the encoding is guessed from the bytes (`chardetng`, as
//!    Firefox does for pages that declare none): KOI8-R, Shift_JIS,
//!    Windows-1255 …, and Windows-1252 (the superset of Latin-1) for Latin
//!    text with no valid UTF-8 multi-byte sequence at all;
//! 8. otherwise (mostly UTF-8 with some broken bytes) invalid bytes become
//!    U+FFFD.
//!
//! A declaration is consulted only for bytes that are not valid UTF-8: files
//! that say `ISO-8859-1` but are UTF-8 are common, the reverse is not. Steps
//! 6–8 each add a warning naming what was done.

use super::{BINARY_SNIFF_BYTES, LoadError, MAX_FILE_BYTES};
use encoding_rs::Encoding;
use std::borrow::Cow;
use std::io::Read;

/// How far into a file a declared encoding is looked for. The HTML
/// standard's pre-scan looks at the first 1024 bytes, but saved pages often
/// carry kilobytes of scripts and styles before their `<meta charset>` (one
/// at byte 13,096 in the extraction benchmark's pages).
const DECLARATION_SCAN_BYTES: usize = 32 * 1024;

/// The gzip magic number.
const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

/// Decompresses `bytes` when they are gzip data (by their magic number, not
/// the file name); other bytes are returned as they are.
///
/// # Errors
///
/// Corrupt gzip data, or more than [`MAX_FILE_BYTES`] once decompressed.
pub fn gunzip<'a>(label: &str, bytes: &'a [u8]) -> Result<Cow<'a, [u8]>, LoadError> {
    if !bytes.starts_with(GZIP_MAGIC) {
        return Ok(Cow::Borrowed(bytes));
    }
    // Several gzip members one after another are one file (as `cat a.gz b.gz`).
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    let mut out = Vec::new();
    decoder
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|error| LoadError::new(label, format!("gzip data is corrupt ({error})")))?;
    if out.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::new(
            label,
            format!(
                "gzip data decompresses to more than {} MiB; not read",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(Cow::Owned(out))
}

/// Turns (decompressed) bytes into text, following steps 2–8 of the module
/// notes. `json` allows the RFC 4627 UTF-16 detection.
///
/// # Errors
///
/// Binary data (a NUL byte near the start, outside UTF-16).
pub fn decode(
    label: &str,
    bytes: &[u8],
    json: bool,
) -> Result<(String, Vec<LoadError>), LoadError> {
    decode_hinted(label, bytes, json, None)
}

/// [`decode`], with the charset a web server named for the bytes
/// (`Content-Type: text/xml; charset=windows-1251`): it comes before what the
/// document declares, but like that only for bytes that are not UTF-8.
///
/// # Errors
///
/// Binary data, as [`decode`].
pub fn decode_hinted(
    label: &str,
    bytes: &[u8],
    json: bool,
    charset: Option<&str>,
) -> Result<(String, Vec<LoadError>), LoadError> {
    let mut warnings = Vec::new();
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let text = decode_with(label, encoding, &bytes[bom..], &mut warnings);
        return Ok((text, warnings));
    }
    if json && let Some(encoding) = json_utf16(bytes) {
        let text = decode_with(label, encoding, bytes, &mut warnings);
        return Ok((text, warnings));
    }
    let sniffed = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if let Some(offset) = sniffed.iter().position(|&b| b == 0) {
        return Err(LoadError::new(
            label,
            format!("binary file (NUL byte at offset {offset}), not text"),
        ));
    }
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((text.to_string(), warnings)),
        Err(error) => error,
    };
    let mut declared_unknown = false;
    let named_by_server = charset
        .and_then(|name| Encoding::for_label(name.trim().as_bytes()))
        .filter(|&encoding| encoding != encoding_rs::REPLACEMENT && encoding != encoding_rs::UTF_8);
    if let Some(encoding) = named_by_server {
        let text = decode_with(label, encoding, bytes, &mut warnings);
        warnings.push(LoadError::new(
            label,
            format!("not UTF-8; read as {}, as the server says", encoding.name()),
        ));
        return Ok((text, warnings));
    }
    match declared_encoding(bytes) {
        Some(Declared::Known(encoding)) if encoding != encoding_rs::UTF_8 => {
            let text = decode_with(label, encoding, bytes, &mut warnings);
            warnings.push(LoadError::new(
                label,
                format!(
                    "not UTF-8; read as {}, as the file declares",
                    encoding.name()
                ),
            ));
            return Ok((text, warnings));
        }
        Some(Declared::Unknown(name)) => {
            declared_unknown = true;
            warnings.push(LoadError::new(
                label,
                format!("declares an encoding lede does not know (`{name}`); read as UTF-8"),
            ));
        }
        _ => {}
    }
    let chunks = bytes.utf8_chunks();
    let invalid = chunks
        .clone()
        .filter(|chunk| !chunk.invalid().is_empty())
        .count();
    let multibyte: usize = chunks
        .clone()
        .map(|chunk| chunk.valid().chars().filter(|c| !c.is_ascii()).count())
        .sum();
    // More broken sequences than good ones: a legacy encoding, whose bytes
    // now and then happen to form UTF-8. Fewer: UTF-8 with a few broken
    // bytes, which step 8 keeps readable.
    if !declared_unknown && invalid > multibyte {
        let guessed = guess_encoding(bytes);
        let text = decode_with(label, guessed, bytes, &mut warnings);
        let reason = if guessed == encoding_rs::WINDOWS_1252 {
            "not UTF-8 and no encoding declared; read as Windows-1252 (Latin-1)".to_string()
        } else {
            format!(
                "not UTF-8 and no encoding declared; read as {}, guessed from the bytes",
                guessed.name()
            )
        };
        warnings.push(LoadError::new(label, reason));
        return Ok((text, warnings));
    }
    warnings.push(LoadError::new(
        label,
        format!(
            "invalid UTF-8 ({invalid} sequence{}, the first at byte {}) shown as \u{FFFD}",
            if invalid == 1 { "" } else { "s" },
            error.valid_up_to()
        ),
    ));
    Ok((String::from_utf8_lossy(bytes).into_owned(), warnings))
}

/// Fewer non-ASCII bytes than this are read as Windows-1252 without a guess.
const MIN_BYTES_TO_GUESS: usize = 16;

/// The legacy encoding `bytes` are most likely in, by `chardetng` (the
/// detector Firefox uses for pages that declare none): KOI8-R, Shift_JIS,
/// Windows-1255 … and Windows-1252 for Latin text.
fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    // A handful of high bytes says too little to tell one encoding from
    // another (a lone £ reads as Ł in Latin-2); such text is nearly always
    // Western European.
    if bytes.iter().filter(|b| !b.is_ascii()).count() < MIN_BYTES_TO_GUESS {
        return encoding_rs::WINDOWS_1252;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// Decodes `bytes` (without a byte-order mark) with `encoding`, warning when
/// some bytes were malformed for it.
fn decode_with(
    label: &str,
    encoding: &'static Encoding,
    bytes: &[u8],
    warnings: &mut Vec<LoadError>,
) -> String {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        warnings.push(LoadError::new(
            label,
            format!("malformed {} shown as \u{FFFD}", encoding.name()),
        ));
    }
    text.into_owned()
}

/// UTF-16 JSON without a byte-order mark, told by its zero bytes: JSON text
/// starts with two ASCII characters, so `00 xx 00 yy` is big-endian and
/// `xx 00 yy 00` little-endian (RFC 4627 §3).
fn json_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    // The first character must also be one JSON can start with, so binary
    // data with that pattern of zeros stays binary.
    let starts_json = |a: u8| matches!(a, b'{' | b'[' | b' ' | b'\t' | b'\r' | b'\n');
    match bytes {
        [0, a, 0, b, ..] if starts_json(*a) && *b != 0 => Some(encoding_rs::UTF_16BE),
        [a, 0, b, 0, ..] if starts_json(*a) && *b != 0 => Some(encoding_rs::UTF_16LE),
        _ => None,
    }
}

/// An encoding a file names for itself.
#[derive(Debug, PartialEq, Eq)]
enum Declared {
    Known(&'static Encoding),
    /// A name `encoding_rs` does not know (or maps to its replacement
    /// decoder, which would turn the whole file into one U+FFFD).
    Unknown(String),
}

/// The encoding declared in the first KiB: an XML declaration's `encoding`,
/// an HTML `<meta charset=…>` (or a `content="…; charset=…"`), or a JSON
/// `"encoding"` / `"charset"` member.
fn declared_encoding(bytes: &[u8]) -> Option<Declared> {
    let head = &bytes[..bytes.len().min(DECLARATION_SCAN_BYTES)];
    // Lower-case ASCII only: byte offsets stay those of `head`.
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let name = if lower.trim_ascii_start().starts_with(b"<?xml") {
        let end = find(&lower, b"?>").unwrap_or(lower.len());
        value_after(&head[..end], &lower[..end], b"encoding")
    } else {
        None
    };
    let name = name
        .or_else(|| {
            let meta = find(&lower, b"<meta")?;
            value_after(&head[meta..], &lower[meta..], b"charset")
        })
        .or_else(|| {
            let key = find(&lower, b"\"encoding\"").or_else(|| find(&lower, b"\"charset\""))?;
            let after = key + 1 + lower[key + 1..].iter().position(|&b| b == b'"')? + 1;
            let rest = lower[after..].trim_ascii_start().strip_prefix(b":")?;
            let start = lower.len() - rest.trim_ascii_start().len();
            quoted_or_bare(&head[start..])
        })?;
    Some(match Encoding::for_label(name.as_bytes()) {
        Some(encoding) if encoding != encoding_rs::REPLACEMENT => Declared::Known(encoding),
        _ => Declared::Unknown(name),
    })
}

/// Position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The value of `key=` (`key = "v"`, `key='v'`, `key=v`) in `text`, found
/// through its lower-cased copy `lower` (same length).
fn value_after(text: &[u8], lower: &[u8], key: &[u8]) -> Option<String> {
    let at = find(lower, key)? + key.len();
    let rest = lower[at..].trim_ascii_start().strip_prefix(b"=")?;
    let start = lower.len() - rest.trim_ascii_start().len();
    quoted_or_bare(&text[start..])
}

/// A quoted value, or a bare one up to a space, quote, `;`, `>` or `/`.
fn quoted_or_bare(text: &[u8]) -> Option<String> {
    let (body, stop): (&[u8], &[u8]) = match text.first()? {
        quote @ (b'"' | b'\'') => (&text[1..], std::slice::from_ref(quote)),
        _ => (text, b" \t\r\n\"';>/"),
    };
    let end = body
        .iter()
        .position(|b| stop.contains(b))
        .unwrap_or(body.len());
    let name = std::str::from_utf8(&body[..end]).ok()?.trim();
    (!name.is_empty() && name.len() <= 40).then(|| name.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    fn text(bytes: &[u8], json: bool) -> (String, Vec<String>) {
        let (text, warnings) = decode("f", bytes, json).unwrap();
        (text, warnings.into_iter().map(|w| w.reason).collect())
    }

    #[test]
    fn gunzip_decompresses_by_magic_number_and_passes_other_bytes() {
        let packed = gzip(b"Title\n\nBody.");
        assert_eq!(
            gunzip("a.txt", &packed).unwrap().as_ref(),
            b"Title\n\nBody."
        );
        // Two members, as `cat a.gz b.gz` makes.
        let mut two = gzip(b"one ");
        two.extend(gzip(b"two"));
        assert_eq!(gunzip("a", &two).unwrap().as_ref(), b"one two");
        assert!(matches!(gunzip("a", b"plain"), Ok(Cow::Borrowed(b"plain"))));
    }

    #[test]
    fn gunzip_refuses_corrupt_and_oversized_data() {
        let mut packed = gzip(&b"news ".repeat(1000));
        let middle = packed.len() / 2;
        packed[middle] ^= 0xff;
        packed.truncate(packed.len() - 4);
        let error = gunzip("a.txt.gz", &packed).unwrap_err();
        assert!(error.reason.starts_with("gzip data is corrupt"), "{error}");
        // A bomb: a small file that would decompress past the limit.
        let zeros = std::io::repeat(b' ').take(MAX_FILE_BYTES + 1);
        let mut encoder = flate2::read::GzEncoder::new(zeros, flate2::Compression::fast());
        let mut bomb = Vec::new();
        encoder.read_to_end(&mut bomb).unwrap();
        assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
        let error = gunzip("bomb.txt.gz", &bomb).unwrap_err();
        assert_eq!(
            error.reason,
            "gzip data decompresses to more than 64 MiB; not read"
        );
    }

    #[test]
    fn decode_honours_byte_order_marks() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "Café ☕".encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(text(&le, false), ("Café ☕".to_string(), vec![]));
        assert_eq!(text(&be, false), ("Café ☕".to_string(), vec![]));
        assert_eq!(text(b"\xEF\xBB\xBFhi", false), ("hi".to_string(), vec![]));
    }

    #[test]
    fn decode_reads_utf16_json_without_a_mark() {
        let json = r#"{"title": "Café"}"#;
        let le: Vec<u8> = json.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = json.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(text(&le, true).0, json);
        assert_eq!(text(&be, true).0, json);
        assert!(
            decode("f", b"\x01\x00\x02\x00", true).is_err(),
            "not JSON's start"
        );
        // Not for plain text: there it is binary.
        assert!(
            decode("f", &le, false)
                .unwrap_err()
                .reason
                .starts_with("binary file")
        );
    }

    #[test]
    fn decode_uses_a_declared_encoding_only_for_bytes_that_are_not_utf8() {
        let xml = b"<?xml version=\"1.0\" encoding=\"ISO-8859-7\"?>\n<p>\xe1\xe8\xde\xed\xe1</p>";
        let (out, warnings) = text(xml, false);
        assert!(out.ends_with("<p>αθήνα</p>"), "{out}");
        assert_eq!(
            warnings,
            ["not UTF-8; read as ISO-8859-7, as the file declares"]
        );
        let meta = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">\xf0\xd2\xc1\xd7\xc4\xc1";
        assert!(text(meta, false).0.ends_with("Правда"));
        let meta5 = b"<meta charset=shift_jis>\x93\xfa\x96\x7b";
        assert!(text(meta5, false).0.ends_with("日本"));
        let json = b"{\"encoding\": \"windows-1251\", \"title\": \"\xcc\xee\xf1\xea\xe2\xe0\"}";
        assert!(text(json, true).0.contains("Москва"));
        // A declaration over valid UTF-8 is a mislabel: UTF-8 wins.
        let mislabelled = "<meta charset=\"iso-8859-1\">Café".as_bytes();
        assert_eq!(
            text(mislabelled, false),
            (String::from_utf8_lossy(mislabelled).into_owned(), vec![])
        );
    }

    #[test]
    fn decode_falls_back_to_windows_1252_or_replacement_characters() {
        // Nothing but single high bytes: a legacy 8-bit file.
        let (out, warnings) = text(b"Caf\xe9 \x93quoted\x94 \x80 5", false);
        assert_eq!(out, "Café “quoted” € 5");
        assert_eq!(
            warnings,
            ["not UTF-8 and no encoding declared; read as Windows-1252 (Latin-1)"]
        );
        // Mostly UTF-8 with a stray byte: replacement characters.
        let (out, warnings) = text(
            "Café \u{2014} "
                .as_bytes()
                .iter()
                .chain(b"\xff!")
                .copied()
                .collect::<Vec<u8>>()
                .as_slice(),
            false,
        );
        assert_eq!(out, "Café — \u{FFFD}!");
        assert_eq!(
            warnings,
            ["invalid UTF-8 (1 sequence, the first at byte 10) shown as \u{FFFD}"]
        );
        // An unknown declared name is reported, then the usual rules apply.
        let (out, warnings) = text(b"<meta charset=\"x-klingon\">\xe9", false);
        assert!(out.ends_with('\u{FFFD}'), "{out}");
        assert_eq!(
            warnings[0],
            "declares an encoding lede does not know (`x-klingon`); read as UTF-8"
        );
    }

    #[test]
    fn decode_refuses_binary() {
        let error = decode("f", b"GIF89a\0\0\x01", false).unwrap_err();
        assert_eq!(error.reason, "binary file (NUL byte at offset 6), not text");
    }
}
