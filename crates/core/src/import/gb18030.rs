//! A strict GB18030 decoder (GBK is its two-byte subset): the text, or `None` at the first
//! byte sequence that is not valid GB18030. Every caller rejects input that does not decode
//! cleanly, so no error recovery is needed.
//!
//! The tables are generated at build time from `encoding_rs` (build.rs), which implements the
//! WHATWG Encoding Standard; the tests compare this decoder with it. Linking `encoding_rs`
//! itself would put every legacy encoding's tables into the wasm — except in builds with PDF
//! support, where the PDF reader links it anyway: those use it ([`decode`]) and skip our tables.

#[cfg_attr(feature = "pdf", allow(dead_code))]
mod index {
    include!(concat!(env!("OUT_DIR"), "/gb18030_index.rs"));
}

#[cfg_attr(feature = "pdf", allow(dead_code))]
/// The code point of a four-byte sequence's pointer (WHATWG "index gb18030 ranges code point").
fn four_byte(pointer: u32) -> Option<char> {
    if pointer >= 189_000 {
        return char::from_u32(0x10000 + pointer - 189_000).filter(|_| pointer <= 1_237_575);
    }
    if pointer > 39_419 {
        return None;
    }
    let run = index::RANGES.partition_point(|&(first, _)| first <= pointer);
    let (first, code) = *index::RANGES.get(run.checked_sub(1)?)?;
    char::from_u32(code + pointer - first)
}

/// Decodes GB18030, or `None` when the bytes are not valid GB18030.
pub fn decode(bytes: &[u8]) -> Option<String> {
    #[cfg(feature = "pdf")]
    return with_encoding_rs(bytes);
    #[cfg(not(feature = "pdf"))]
    return decode_with_tables(bytes);
}

/// `encoding_rs`, already linked by the PDF reader.
#[cfg(feature = "pdf")]
fn with_encoding_rs(bytes: &[u8]) -> Option<String> {
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

/// Our decoder on the generated tables (the same results: see the tests).
#[cfg_attr(feature = "pdf", allow(dead_code))]
fn decode_with_tables(bytes: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut rest = bytes;
    while let Some(&first) = rest.first() {
        // ASCII runs are copied as they are.
        if first < 0x80 {
            let run = rest.iter().position(|&b| b >= 0x80).unwrap_or(rest.len());
            let (ascii, tail) = rest.split_at(run);
            out.push_str(std::str::from_utf8(ascii).ok()?);
            rest = tail;
            continue;
        }
        let (c, len) = match *rest {
            [0x80, ..] => ('\u{20AC}', 1),
            [b1 @ 0x81..=0xFE, b2 @ 0x30..=0x39, b3 @ 0x81..=0xFE, b4 @ 0x30..=0x39, ..] => {
                let pointer = (u32::from(b1) - 0x81) * 12600
                    + (u32::from(b2) - 0x30) * 1260
                    + (u32::from(b3) - 0x81) * 10
                    + (u32::from(b4) - 0x30);
                (four_byte(pointer)?, 4)
            }
            [b1 @ 0x81..=0xFE, b2 @ (0x40..=0x7E | 0x80..=0xFE), ..] => {
                let offset = if b2 < 0x7F { 0x40 } else { 0x41 };
                let pointer = (usize::from(b1) - 0x81) * 190 + usize::from(b2) - offset;
                let code = *index::TWO_BYTE.get(pointer)?;
                (char::from_u32(u32::from(code)).filter(|_| code != 0)?, 2)
            }
            _ => return None,
        };
        out.push(c);
        rest = rest.get(len..)?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::decode_with_tables as decode;

    /// What encoding_rs (WHATWG) makes of the bytes, when it decodes them without error.
    fn reference(bytes: &[u8]) -> Option<String> {
        let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
        (!had_errors).then(|| text.into_owned())
    }

    #[test]
    fn every_one_and_two_byte_sequence_agrees_with_encoding_rs() {
        for a in 0..=0xFFu8 {
            assert_eq!(decode(&[a]), reference(&[a]), "{a:02X}");
            for b in 0..=0xFFu8 {
                assert_eq!(decode(&[a, b]), reference(&[a, b]), "{a:02X} {b:02X}");
            }
        }
    }

    #[test]
    fn four_byte_sequences_agree_with_encoding_rs() {
        // Every BMP pointer, and a stride through the supplementary planes and past the end.
        let bmp = 0..=39_419u32;
        let beyond = (39_000..1_300_000u32).step_by(97);
        for pointer in bmp.chain(beyond) {
            let b1 = pointer / 12600 + 0x81;
            if b1 > 0xFE {
                continue;
            }
            let bytes = [
                b1 as u8,
                (pointer / 1260 % 10 + 0x30) as u8,
                (pointer / 10 % 126 + 0x81) as u8,
                (pointer % 10 + 0x30) as u8,
            ];
            assert_eq!(decode(&bytes), reference(&bytes), "pointer {pointer}");
        }
    }

    #[test]
    fn random_byte_strings_agree_with_encoding_rs() {
        // A small xorshift generator: reproducible, no dependency.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 12) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| match next() % 4 {
                    // Bias towards the lead, second and ASCII ranges.
                    0 => 0x81 + (next() % 0x7E) as u8,
                    1 => 0x30 + (next() % 10) as u8,
                    2 => (next() % 0x80) as u8,
                    _ => next() as u8,
                })
                .collect();
            assert_eq!(decode(&bytes), reference(&bytes), "{bytes:02X?}");
        }
        let text = "一、总体情况：行政许可 3 件，€ 𠀀 ǹ ḿ 〾 ⿰";
        let (encoded, _, _) = encoding_rs::GB18030.encode(text);
        assert_eq!(decode(&encoded).as_deref(), Some(text));
    }
}
