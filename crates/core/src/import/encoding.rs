//! Bytes → text. The encoding is detected from the content, never assumed: users upload what
//! their tools saved (UTF-8 with or without BOM, UTF-16 with BOM from Windows Notepad, GB18030 /
//! GBK from Chinese Excel and older sites). Line ends are normalised to LF so that positions
//! (line, column) are the same whatever the source used.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

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
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors || (enc != UTF_16LE && enc != UTF_16BE && text.contains('\0')) {
            return Err(DecodeError::Binary);
        }
        return finish(&text, enc.name());
    }
    // Without a BOM, a NUL byte means binary (UTF-16 without BOM is not supported).
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text, "UTF-8");
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeError::Binary);
    }
    // GB18030 maps almost every byte sequence to something; random bytes decode to a jumble of
    // rare characters and control codes. Require mostly common text.
    if !looks_like_text(&text) {
        return Err(DecodeError::Binary);
    }
    finish(&text, "GB18030")
}

fn finish(text: &str, name: &'static str) -> Result<(String, &'static str), DecodeError> {
    if text.contains('\0') || !looks_like_text(text) {
        return Err(DecodeError::Binary);
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if !text.contains('\r') {
        return Ok((text.to_string(), name));
    }
    Ok((text.replace("\r\n", "\n").replace('\r', "\n"), name))
}

/// True when control characters (other than tab/newline/CR/FF), private-use characters and
/// U+FFFD are rare. Counted on the UTF-8 bytes (every input passes here, so it is one tight
/// loop): a char starts at each byte that is not a continuation byte.
fn looks_like_text(text: &str) -> bool {
    let b = text.as_bytes();
    let mut total = 0usize;
    let mut bad = 0usize;
    for (i, &x) in b.iter().enumerate() {
        if x & 0xC0 == 0x80 {
            continue;
        }
        total += 1;
        let next = b.get(i + 1).copied().unwrap_or(0);
        let is_bad = match x {
            b'\t' | b'\n' | b'\r' | 0x0C => false,
            0x00..=0x1F | 0x7F => true,
            // U+0080–U+009F (C1 controls).
            0xC2 => (0x80..=0x9F).contains(&next),
            // U+E000–U+EFFF (private use).
            0xEE => true,
            // U+F000–U+F8FF (private use) and U+FFFD.
            0xEF => (0x80..=0xA3).contains(&next) || (next == 0xBF && b.get(i + 2) == Some(&0xBD)),
            _ => false,
        };
        bad += usize::from(is_bad);
    }
    total > 0 && bad * 50 <= total
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
        let (gbk, _, _) = GB18030.encode("行政许可 2");
        assert_eq!(decode(&gbk), Ok(("行政许可 2".into(), "GB18030")));
    }

    #[test]
    fn text_test_agrees_with_char_classes() {
        let by_chars = |t: &str| {
            let bad = t
                .chars()
                .filter(|&c| {
                    (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
                        || ('\u{E000}'..='\u{F8FF}').contains(&c)
                        || c == '\u{FFFD}'
                })
                .count();
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
        for s in &samples {
            assert_eq!(looks_like_text(s), by_chars(s), "{s:?}");
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
