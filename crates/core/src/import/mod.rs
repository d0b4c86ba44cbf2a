//! Importers: bytes of any supported format → the report document, plus import findings
//! (I-01…I-05) for everything that could not be read with certainty.
//!
//! The format is detected from the content ([`detect`]); the file name is only a tie-breaker,
//! because users rename files and browsers drop extensions.

pub mod csv;
#[cfg(feature = "office")]
pub mod docx;
pub mod encoding;
pub mod gb18030;
pub mod grid;
pub mod html;
pub mod json;
pub mod meta;
pub mod pdf;
pub mod prose;
pub mod sections;
pub mod split;
pub mod text;
#[cfg(feature = "office")]
pub mod xlsx;
#[cfg(feature = "office")]
pub mod zip;

use crate::finding::{Finding, Severity, Source};
use crate::model::Report;

/// What an importer returns: the report and what it could not read with certainty.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Imported {
    pub report: Report,
    pub findings: Vec<Finding>,
}

impl Imported {
    /// The input cannot be read at all: one I-04 error and nothing else.
    pub fn unreadable(message: &str, message_en: &str) -> Imported {
        Imported {
            report: Report::default(),
            findings: vec![Finding::new("I-04", Severity::Error, message, message_en)],
        }
    }
}

/// I-01: a number in a table area that lands in no cell, quoted with where it is.
pub(crate) fn unplaced_number(text: &str, source: Source) -> Finding {
    Finding::new(
        "I-01",
        Severity::Warning,
        format!("表格中的数字 {text} 无法对应到任何单元格"),
        format!("the number {text} in a table could not be placed in any cell"),
    )
    .with_source(source)
    .with_text(text)
}

/// I-03: a cell whose text is neither a number nor a not-applicable mark; the cell keeps it.
pub(crate) fn not_a_number(key: &str, text: &str, source: Source) -> Finding {
    Finding::new(
        "I-03",
        Severity::Warning,
        format!("单元格 {key} 的内容不是数字：{text}"),
        format!("cell {key} is not a number: {text}"),
    )
    .with_cells([key.to_string()])
    .with_source(source)
    .with_text(text)
}

/// S-05: section 3's table has a column the template does not have (e.g. a 法人或其他组织
/// subtotal). Reported once, at the column's first number; each of its numbers is also an
/// [`unplaced_number`], so none is lost.
pub(crate) fn extra_s3_column(name: &str, source: Source) -> Finding {
    Finding::new(
        "S-05",
        Severity::Warning,
        format!("第三部分表格多出“{name}”列（模板中没有），该列的数字未计入单元格，逐个列为 I-01"),
        format!("section 3 table has an extra column \"{name}\" (not in the template); its numbers are not placed and are each listed as I-01"),
    )
    .with_source(source)
    .with_text(name)
}

/// Why an input cannot be read (becomes the one I-04 of [`Imported::unreadable`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable {
    pub message: String,
    pub message_en: String,
}

impl Unreadable {
    pub fn new(message: &str, message_en: &str) -> Unreadable {
        Unreadable {
            message: message.to_string(),
            message_en: message_en.to_string(),
        }
    }
}

impl From<Unreadable> for Imported {
    fn from(u: Unreadable) -> Imported {
        Imported::unreadable(&u.message, &u.message_en)
    }
}

/// The input formats, as detected from the bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A `nianbao.report/1` document.
    Json,
    Html,
    /// A zip container: .docx or .xlsx (the importer looks inside).
    Zip,
    Pdf,
    Csv,
    /// Plain text in any encoding.
    Text,
    /// Empty input.
    Empty,
}

/// True when the bytes are a zip container (DOCX, XLSX).
fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// True for the binary formats that only the heavy importers read (features `office` and
/// `pdf`): a zip container (DOCX, XLSX) or a PDF. Magic bytes only, so it is cheap, and a
/// caller that holds only the light importers can tell where to send the bytes.
pub fn needs_heavy_importer(bytes: &[u8]) -> bool {
    is_zip(bytes) || bytes.starts_with(b"%PDF-")
}

/// Detects the format from magic bytes and, for text, from the first characters.
pub fn detect(bytes: &[u8], file_name: Option<&str>) -> Format {
    detect_with(bytes, None, file_name)
}

/// [`detect`], given the whole input as text when it is plain UTF-8 (see [`plain_utf8`]).
fn detect_with(bytes: &[u8], utf8: Option<&str>, file_name: Option<&str>) -> Format {
    if bytes.is_empty() {
        return Format::Empty;
    }
    if is_zip(bytes) {
        return Format::Zip;
    }
    if bytes.starts_with(b"%PDF-") {
        return Format::Pdf;
    }
    let ext = file_name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    // Look at the start of the text (any encoding with an ASCII-compatible start is enough).
    let head = match utf8 {
        Some(text) => head_of(text).into(),
        None => head_text(bytes),
    };
    let start = head.trim_start();
    if start.starts_with('{') {
        return Format::Json;
    }
    // Every HTML test needs a leading `<`: only such a start is lower-cased (a copy).
    let looks_html = start.starts_with('<') && {
        let start = start.to_ascii_lowercase();
        start.starts_with("<!doctype html")
            || start.starts_with("<html")
            || (start.starts_with("<!--") && start.contains('<'))
            || start.contains("<table")
            || start.contains("<body")
    };
    if looks_html || ((ext == "html" || ext == "htm") && start.starts_with('<')) {
        return Format::Html;
    }
    if ext == "csv" || looks_like_csv(&head) {
        return Format::Csv;
    }
    Format::Text
}

/// The first 4 KB of the input as text. UTF-8 cut mid-character at the 4 KB mark is read up
/// to the cut (decoding it as a whole would fail and fall back to GB18030 for nothing).
fn head_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let head = bytes.get(..4096).unwrap_or(bytes);
    if encoding::Bom::of(head).is_none() && !head.contains(&0) {
        match std::str::from_utf8(head) {
            Ok(t) => return t.into(),
            // Only an incomplete character at the end: the rest is valid UTF-8.
            Err(e) if e.error_len().is_none() => {
                return String::from_utf8_lossy(&head[..e.valid_up_to()]);
            }
            Err(_) => {}
        }
    }
    match encoding::decode(head) {
        Ok((t, _)) => t.into(),
        Err(_) => String::from_utf8_lossy(head),
    }
}

/// What [`head_text`] gives for plain UTF-8: the first 4 KB, cut at a char boundary.
fn head_of(text: &str) -> &str {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// The input as text when it is UTF-8 without a BOM or a NUL byte — most inputs: it is then
/// validated once, for detection and decoding both.
fn plain_utf8(bytes: &[u8]) -> Option<&str> {
    if encoding::Bom::of(bytes).is_some() || has_nul(bytes) {
        return None;
    }
    encoding::utf8(bytes)
}

/// Whether the bytes hold a NUL: `contains(&0)` in blocks of 64 bytes, each tested at once
/// (the loop vectorises; core's `memchr` goes a word at a time).
fn has_nul(bytes: &[u8]) -> bool {
    bytes
        .chunks(64)
        .any(|block| block.iter().fold(false, |nul, &b| nul | (b == 0)))
}

/// Most of the first lines have the same number (≥ 1) of commas and no sentence ends in them:
/// a table exported as CSV, even without its extension.
fn looks_like_csv(head: &str) -> bool {
    let mut lines = head.lines().filter(|l| !l.trim().is_empty()).take(20);
    let Some(first) = lines.next() else {
        return false;
    };
    // Most texts fail here, before the other lines are looked for.
    let commas = first.matches(',').count();
    if commas == 0 {
        return false;
    }
    let lines: Vec<&str> = std::iter::once(first).chain(lines).collect();
    if lines.len() < 3 {
        return false;
    }
    let same = lines
        .iter()
        .filter(|l| l.matches(',').count() == commas && !l.contains('。'))
        .count();
    same * 5 >= lines.len() * 4
}

/// Reads any supported input, detected by content (the file name is only a hint).
pub fn import(bytes: &[u8], file_name: Option<&str>) -> Imported {
    // Zip and PDF are binary: not worth validating as text.
    let binary = bytes.starts_with(b"PK") || bytes.starts_with(b"%PDF-");
    let utf8 = if binary { None } else { plain_utf8(bytes) };
    match detect_with(bytes, utf8, file_name) {
        Format::Empty => Imported::unreadable("输入为空", "empty input"),
        Format::Json => match encoding::decode(bytes) {
            Ok((text, _)) => json::import(&text),
            Err(_) => unreadable_encoding(),
        },
        Format::Text => match utf8.map_or_else(
            || encoding::decode(bytes).map(|(t, _)| t.into()),
            encoding::decode_utf8,
        ) {
            Ok(text) => text::import(&text),
            Err(encoding::DecodeError::Empty) => Imported::unreadable("输入为空", "empty input"),
            Err(encoding::DecodeError::Binary) => unreadable_encoding(),
        },
        Format::Html => html::import(bytes),
        #[cfg(feature = "office")]
        Format::Zip => zip::import(bytes),
        #[cfg(not(feature = "office"))]
        Format::Zip => Imported::unreadable(
            "此版本不含 Word/Excel 读取功能",
            "this build cannot read Word/Excel files",
        ),
        Format::Pdf => pdf::import(bytes),
        Format::Csv => csv::import(bytes),
    }
}

fn unreadable_encoding() -> Imported {
    Imported::unreadable(
        "无法读取：不是文本或编码无法识别",
        "cannot read: not text or unknown encoding",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_content() {
        assert_eq!(detect(b"", None), Format::Empty);
        assert_eq!(detect(b"PK\x03\x04....", Some("a.txt")), Format::Zip);
        assert_eq!(detect(b"%PDF-1.7", None), Format::Pdf);
        assert_eq!(detect(b"  {\"schema\":1}", None), Format::Json);
        assert_eq!(detect(b"<!-- src -->\n<html>", None), Format::Html);
        assert_eq!(detect("规章 1".as_bytes(), Some("a.txt")), Format::Text);
        assert_eq!(detect(b"key,value\n", Some("a.CSV")), Format::Csv);
        let csv = "项目,数值\n规章/本年制发件数,1\n规章/本年废止件数,0\n规章/现行有效件数,11\n";
        assert_eq!(detect(csv.as_bytes(), None), Format::Csv);
        let prose = "一、总体情况\n2024年，我市坚持公开，推进工作。\n二、主动公开政府信息情况\n";
        assert_eq!(detect(prose.as_bytes(), None), Format::Text);
    }

    /// Plain UTF-8 is validated once: detection and decoding from that text agree with the
    /// byte path.
    #[test]
    fn utf8_once_is_the_byte_path() {
        let long = format!("{}规章\t1", "一、总体情况。".repeat(600));
        let mut cut = vec![b'a'; 4095];
        cut.extend_from_slice("规章,1\n".as_bytes());
        let inputs: Vec<Vec<u8>> = vec![
            long.into_bytes(),
            cut,
            "规章\r\n1\r2".into(),
            "  {\"schema\":1}".into(),
            "<html><body>规章</body></html>".into(),
            "项目,数值\na,1\nb,2\nc,3\n".into(),
            "\u{FEFF}规章 1".into(),
            "\u{1}\u{2}\u{3}ab".into(),
            b"\xff\xfe".to_vec(),
        ];
        for b in &inputs {
            let utf8 = plain_utf8(b);
            assert_eq!(detect_with(b, utf8, None), detect(b, None), "{b:?}");
            assert_eq!(
                detect_with(b, utf8, Some("a.csv")),
                detect(b, Some("a.csv"))
            );
            if let Some(t) = utf8 {
                let once = encoding::decode_utf8(t).map(|t| t.into_owned());
                assert_eq!(once, encoding::decode(b).map(|r| r.0), "{t:?}");
            }
        }
    }

    /// [`has_nul`] is `contains(&0)`, wherever the NUL is relative to the blocks.
    #[test]
    fn nul_test_is_contains() {
        for len in [0, 1, 63, 64, 65, 130, 300] {
            let mut bytes = vec![b'a'; len];
            assert!(!has_nul(&bytes));
            for at in 0..len {
                bytes[at] = 0;
                assert_eq!(has_nul(&bytes), bytes.contains(&0), "{len} {at}");
                bytes[at] = 0xE5;
            }
        }
    }

    #[test]
    fn report_json_round_trips() {
        let text = "二、主动公开政府信息情况\n第二十条第（一）项\n规章\t1\t0\t2\n";
        let first = import(text.as_bytes(), None);
        let again = import(first.report.to_json().as_bytes(), Some("r.json"));
        assert!(again.findings.is_empty());
        assert_eq!(again.report.cells, first.report.cells);
        assert_eq!(import(b"{ not json", None).findings[0].rule, "I-04");
    }

    #[test]
    fn empty_and_binary_are_one_i04() {
        for input in [&b""[..], &b"\x00\x01\x02\xff\xfe\x00"[..]] {
            let r = import(input, None);
            assert_eq!(r.findings.len(), 1);
            assert_eq!(r.findings[0].rule, "I-04");
            assert!(r.report.cells.is_empty());
        }
    }

    #[test]
    fn heavy_importer_is_needed_exactly_for_zip_and_pdf() {
        let inputs: [&[u8]; 8] = [
            b"PK\x03\x04rest",
            b"PK\x05\x06",
            b"%PDF-1.7\n",
            b"",
            "一、总体情况".as_bytes(),
            b"<html><table></table></html>",
            b"{\"schema\":\"nianbao.report/1\"}",
            b"key,value\ns2.rules.issued,3\n",
        ];
        for bytes in inputs {
            let heavy = matches!(detect(bytes, None), Format::Zip | Format::Pdf);
            assert_eq!(needs_heavy_importer(bytes), heavy, "{bytes:?}");
        }
    }
}
