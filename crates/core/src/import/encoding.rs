//! Bytes → text. The encoding is detected from the content, never assumed: users upload what
//! their tools saved (UTF-8 with or without BOM, UTF-16 with BOM from Windows Notepad, GB18030 /
//! GBK from Chinese Excel and older sites). Line ends are normalised to LF so that positions
//! (line, column) are the same whatever the source used.

use std::borrow::Cow;

use super::gb18030;

/// The encoding a byte-order mark announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bom {
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Bom {
    /// The BOM at the start of `bytes`, and its length.
    pub fn of(bytes: &[u8]) -> Option<(Bom, usize)> {
        match bytes {
            [0xEF, 0xBB, 0xBF, ..] => Some((Bom::Utf8, 3)),
            [0xFF, 0xFE, ..] => Some((Bom::Utf16Le, 2)),
            [0xFE, 0xFF, ..] => Some((Bom::Utf16Be, 2)),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Bom::Utf8 => "UTF-8",
            Bom::Utf16Le => "UTF-16LE",
            Bom::Utf16Be => "UTF-16BE",
        }
    }

    /// Decodes the text after the BOM strictly: `None` on any invalid sequence (an odd byte
    /// at the end of UTF-16, an unpaired surrogate, invalid UTF-8).
    pub fn decode(self, body: &[u8]) -> Option<String> {
        let utf16 = |unit: fn([u8; 2]) -> u16| {
            let pairs = body.chunks_exact(2);
            if !pairs.remainder().is_empty() {
                return None;
            }
            let units: Vec<u16> = pairs.map(|p| unit([p[0], p[1]])).collect();
            String::from_utf16(&units).ok()
        };
        match self {
            Bom::Utf8 => std::str::from_utf8(body).ok().map(str::to_string),
            Bom::Utf16Le => utf16(u16::from_le_bytes),
            Bom::Utf16Be => utf16(u16::from_be_bytes),
        }
    }
}

/// Why bytes could not be turned into text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    /// NUL bytes or invalid in every supported encoding.
    Binary,
}

/// Decodes `bytes`, returning the text (LF line ends, no BOM) and the encoding's name.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some((bom, bom_len)) = Bom::of(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let text = bom.decode(body).ok_or(DecodeError::Binary)?;
        if bom == Bom::Utf8 && text.contains('\0') {
            return Err(DecodeError::Binary);
        }
        return finish(&text).map(|t| (t.into_owned(), bom.name()));
    }
    // Without a BOM, a NUL byte means binary (UTF-16 without BOM is not supported).
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Some(text) = utf8(bytes) {
        return finish(text).map(|t| (t.into_owned(), "UTF-8"));
    }
    let text = gb18030::decode(bytes).ok_or(DecodeError::Binary)?;
    // GB18030 maps almost every byte sequence to something; random bytes decode to a jumble of
    // rare characters and control codes. Require mostly common text.
    if !looks_like_text(&text) {
        return Err(DecodeError::Binary);
    }
    finish(&text).map(|t| (t.into_owned(), "GB18030"))
}

/// [`decode`] of bytes already known to be UTF-8 without a BOM: the same checks, and the text
/// itself when its line ends are already LF (no copy).
pub fn decode_utf8(text: &str) -> Result<Cow<'_, str>, DecodeError> {
    if text.is_empty() {
        return Err(DecodeError::Empty);
    }
    finish(text)
}

/// Validates a whole input as UTF-8. Every text input passes here; core's check goes byte by
/// byte through CJK text, `simdutf8` 16 or 32 bytes at a time (where the CPU can).
pub fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

fn finish(text: &str) -> Result<Cow<'_, str>, DecodeError> {
    let scan = Scan::of(text);
    if scan.nul || !scan.looks_like_text() {
        return Err(DecodeError::Binary);
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if !scan.cr {
        return Ok(Cow::Borrowed(text));
    }
    Ok(Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n")))
}

/// True when control characters (other than tab/newline/CR/FF), private-use characters and
/// U+FFFD are rare. Counted on the UTF-8 bytes (every input passes here, so it is one tight
/// loop): a char starts at each byte that is not a continuation byte.
fn looks_like_text(text: &str) -> bool {
    Scan::of(text).looks_like_text()
}

/// What one pass over a text's bytes finds (see [`looks_like_text`]): its chars, the bad ones
/// among them, and whether it holds a NUL or a CR.
struct Scan {
    total: usize,
    bad: usize,
    nul: bool,
    cr: bool,
}

impl Scan {
    fn looks_like_text(&self) -> bool {
        self.total > 0 && self.bad * 50 <= self.total
    }

    fn of(text: &str) -> Scan {
        let b = text.as_bytes();
        // Blocks of 64 bytes with the two after them, as arrays: the loops have fixed bounds and
        // vectorise; the per-block sums fit in a byte. Most blocks of a text hold no bad char
        // and no CR: a cheap test of each byte proves it and counts the chars; only the other
        // blocks are classified byte by byte (see `class`).
        const BLOCK: usize = 64;
        let (mut total, mut bad) = (0usize, 0usize);
        let (mut nul, mut cr) = (false, false);
        let mut at = 0;
        while let Some(Ok(w)) = b.get(at..at + BLOCK + 2).map(<&[u8; BLOCK + 2]>::try_from) {
            let (mut starts, mut suspect) = (0u8, 0u8);
            for k in 0..BLOCK {
                starts += u8::from(is_char_start(w[k]));
                suspect |= u8::from(may_be_bad_or_cr(w[k], w[k + 1]));
            }
            if suspect == 0 {
                total += usize::from(starts);
                at += BLOCK;
                continue;
            }
            let (mut t, mut d, mut z, mut r) = (0u8, 0u8, false, false);
            for k in 0..BLOCK {
                let c = class(w[k], w[k + 1], w[k + 2]);
                t += c & 1;
                d += c >> 1;
                z |= w[k] == 0;
                r |= w[k] == b'\r';
            }
            nul |= z;
            cr |= r;
            total += usize::from(t);
            bad += usize::from(d);
            at += BLOCK;
        }
        // The rest, the last two bytes padded with zeros.
        let byte = |i: usize| b.get(i).copied().unwrap_or(0);
        for i in at..b.len() {
            let c = class(byte(i), byte(i + 1), byte(i + 2));
            total += usize::from(c & 1);
            bad += usize::from(c >> 1);
            nul |= byte(i) == 0;
            cr |= byte(i) == b'\r';
        }
        Scan {
            total,
            bad,
            nul,
            cr,
        }
    }
}

/// Whether byte `x` starts a char (is not a continuation byte).
fn is_char_start(x: u8) -> bool {
    x & 0xC0 != 0x80
}

/// 1 for a byte that starts a char, and 2 more when that char is bad (`y` and `z` are the
/// bytes after `x`).
fn class(x: u8, y: u8, z: u8) -> u8 {
    let c0 = (x < 0x20) & (x != b'\t') & (x != b'\n') & (x != b'\r') & (x != 0x0C);
    // U+0080–U+009F: C2 80…9F. U+E000–U+EFFF: EE. U+F000–U+F8FF: EF 80…A3.
    // U+FFFD: EF BF BD.
    let c1 = (x == 0xC2) & (y.wrapping_sub(0x80) <= 0x1F);
    let pua = (x == 0xEE) | ((x == 0xEF) & (y.wrapping_sub(0x80) <= 0x23));
    let fffd = (x == 0xEF) & (y == 0xBF) & (z == 0xBD);
    u8::from(is_char_start(x)) | (u8::from(c0 | (x == 0x7F) | c1 | pua | fffd) << 1)
}

/// False when byte `x` (followed by `y`) is surely neither a NUL, a CR nor the start of a bad
/// char (see [`class`]); true for them and for a few good ones (C2 starts, EF not followed by
/// A4…BE, a form feed), which the exact test then sorts out. The full-width forms (EF BC, EF
/// BD), common in reports, pass.
fn may_be_bad_or_cr(x: u8, y: u8) -> bool {
    let control = (x < 0x20) & (x != b'\t') & (x != b'\n');
    let ef = (x == 0xEF) & (y.wrapping_sub(0xA4) > 0xBE - 0xA4);
    control | (x == 0x7F) | (x == 0xC2) | (x == 0xEE) | ef
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode("规章\r\n0".as_bytes()).map(|r| r.0),
            Ok("规章\n0".into())
        );
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("规章".as_bytes());
        assert_eq!(decode(&b).map(|r| r.0), Ok("规章".into()));
    }

    #[test]
    fn utf16_and_gbk() {
        let mut le = vec![0xFF, 0xFE];
        for u in "规章 1".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le).map(|r| r.0), Ok("规章 1".into()));
        let mut be = vec![0xFE, 0xFF];
        for u in "规章 1".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).map(|r| r.0), Ok("规章 1".into()));
        let (gbk, _, _) = encoding_rs::GB18030.encode("行政许可 2");
        assert_eq!(decode(&gbk), Ok(("行政许可 2".into(), "GB18030")));
    }

    /// How many chars of `t` are bad (what [`Scan`] counts), char by char.
    fn bad_chars_plain(t: &str) -> usize {
        t.chars()
            .filter(|&c| {
                (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
                    || ('\u{E000}'..='\u{F8FF}').contains(&c)
                    || c == '\u{FFFD}'
            })
            .count()
    }

    #[test]
    fn text_test_agrees_with_char_classes() {
        let by_chars = |t: &str| {
            let bad = bad_chars_plain(t);
            let total = t.chars().count();
            total > 0 && bad * 50 <= total
        };
        let samples = [
            "规章 1\t2\r\n".repeat(10),
            format!("{}\u{1}", "a".repeat(40)),
            format!("{}\u{1}\u{85}", "a".repeat(49)),
            format!("{}\u{E000}\u{F8FF}", "字".repeat(60)),
            format!("{}\u{FFFD}\u{FFFC}\u{F900}", "字".repeat(49)),
            "\u{9F}\u{A0}".repeat(3),
            String::new(),
        ];
        // Long texts, with the bad chars at every place relative to the 64-byte blocks.
        let mut samples = samples.to_vec();
        for shift in 0..70 {
            let pad = "a".repeat(shift);
            for bad in [
                "\u{1}", "\u{85}", "\u{E000}", "\u{F8FF}", "\u{FFFD}", "\u{7F}",
            ] {
                let body = format!("{pad}{bad}规章，（一）{}", "字".repeat(30));
                samples.push(body.repeat(3));
                samples.push(format!("{}{bad}{bad}", "公开".repeat(40 + shift)));
            }
        }
        for s in &samples {
            assert_eq!(looks_like_text(s), by_chars(s), "{s:?}");
        }
    }

    /// [`Scan::of`] (a quick test per block, the exact classes only where it fails) counts what
    /// a plain pass over the chars counts, wherever the chars fall relative to the blocks.
    #[test]
    fn scan_is_the_plain_count() {
        let plain = |t: &str| {
            let bad = bad_chars_plain(t);
            (t.chars().count(), bad, t.contains('\0'), t.contains('\r'))
        };
        let specials = [
            "\0", "\r", "\r\n", "\t", "\n", "\u{c}", "\u{1}", "\u{1F}", "\u{7F}", "\u{80}",
            "\u{9F}", "\u{A0}", "·", "\u{E000}", "\u{EFFF}", "\u{F000}", "\u{F8FF}", "\u{F900}",
            "\u{FFFD}", "\u{FFFC}", "\u{FFE5}", "\u{FFBF}", "，", "（", "\u{FF5E}", "\u{FEFF}",
            "𠀀",
        ];
        for shift in 0..140 {
            for sp in specials {
                for base in ["a", "字"] {
                    let t = format!("{}{sp}{}", base.repeat(shift), "文".repeat(50));
                    let scan = Scan::of(&t);
                    assert_eq!(
                        (scan.total, scan.bad, scan.nul, scan.cr),
                        plain(&t),
                        "{t:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn empty_and_binary() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"ab\0cd"), Err(DecodeError::Binary));
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert!(decode(&noise).is_err());
    }
}
