//! Spreadsheet cell references in A1 style (`D4`), shared by the XLSX importer and exporter.

/// Column letters of a 0-based column: 0 → `A`, 26 → `AA`.
pub fn col_name(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// `D4` → (row 3, col 3), both 0-based; `None` when it is not a reference.
pub fn parse_ref(r: &str) -> Option<(usize, usize)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = r[..letters].bytes().fold(0usize, |a, b| {
        a * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let row: usize = r[letters..].parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_refs_round_trip() {
        assert_eq!(parse_ref("AA10"), Some((9, 26)));
        assert_eq!(col_name(26), "AA");
        for c in [0, 25, 26, 701, 702, 16383] {
            assert_eq!(parse_ref(&format!("{}1", col_name(c))), Some((0, c)));
        }
        assert_eq!(parse_ref("A0"), None);
        assert_eq!(parse_ref("12"), None);
    }
}
