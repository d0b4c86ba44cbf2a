//! Generates the GB18030 decoding tables (`$OUT_DIR/gb18030_index.rs`) from `encoding_rs`, the
//! WHATWG Encoding Standard's implementation, so that the core decodes GB18030 without linking
//! `encoding_rs` itself: its decoder reaches every legacy encoding's tables (Big5, EUC-KR,
//! Shift_JIS…, about 100 KB of wasm) through one dynamic dispatch. See `import/gb18030.rs`.

use std::fmt::Write as _;

use encoding_rs::GB18030;

fn decode(bytes: &[u8]) -> Option<char> {
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    let mut chars = text.chars();
    match (had_errors, chars.next(), chars.next()) {
        (false, Some(c), None) => Some(c),
        _ => None,
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let mut out = String::new();
    // Two-byte sequences: lead 0x81–0xFE, trail 0x40–0x7E or 0x80–0xFE; pointer
    // (lead − 0x81) × 190 + (trail − offset). 0 means no mapping (U+0000 is never one).
    let mut two = Vec::with_capacity(126 * 190);
    for lead in 0x81..=0xFEu8 {
        for trail in (0x40..=0x7Eu8).chain(0x80..=0xFE) {
            let c = decode(&[lead, trail]).map_or(0, u32::from);
            assert!(
                c <= 0xFFFF,
                "two-byte GB18030 outside the BMP: {lead:X} {trail:X}"
            );
            two.push(c);
        }
    }
    writeln!(out, "/// Two-byte sequences by pointer (0: unmapped).").ok();
    writeln!(out, "pub static TWO_BYTE: [u16; {}] = [", two.len()).ok();
    for chunk in two.chunks(16) {
        let line: Vec<String> = chunk.iter().map(|c| format!("0x{c:04X}")).collect();
        writeln!(out, "    {},", line.join(", ")).ok();
    }
    writeln!(out, "];").ok();

    // Four-byte sequences in the BMP (pointers 0–39419): runs of consecutive code points, as
    // (first pointer, its code point); a pointer maps to the run that starts at or before it.
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    let mut previous: Option<u32> = None;
    for pointer in 0..=39419u32 {
        let bytes = [
            (pointer / 12600 + 0x81) as u8,
            (pointer / 1260 % 10 + 0x30) as u8,
            (pointer / 10 % 126 + 0x81) as u8,
            (pointer % 10 + 0x30) as u8,
        ];
        let c = decode(&bytes).map(u32::from);
        let c = c.unwrap_or_else(|| panic!("four-byte GB18030 pointer {pointer} unmapped"));
        if previous.is_none_or(|p| p + 1 != c) {
            ranges.push((pointer, c));
        }
        previous = Some(c);
    }
    writeln!(
        out,
        "/// Four-byte sequences in the BMP: (first pointer, code point) of each run."
    )
    .ok();
    writeln!(out, "pub static RANGES: [(u32, u32); {}] = [", ranges.len()).ok();
    for (p, c) in &ranges {
        writeln!(out, "    ({p}, 0x{c:04X}),").ok();
    }
    writeln!(out, "];").ok();

    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(format!("{dir}/gb18030_index.rs"), out).expect("write gb18030_index.rs");
}
