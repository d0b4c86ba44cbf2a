//! Excel (.xlsx): sheets in workbook order → [`Grid`]s with merged ranges expanded. Formula
//! cells give their cached value; a formula without one is evaluated when it is a plain
//! `SUM(range)`, else kept as its text (an I-03 when it lands in a cell).

use std::collections::{BTreeMap, HashMap};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::grid::{Grid, GridCell, MAX_COLS, MAX_ROWS};
use super::Imported;
use super::Unreadable;
use crate::a1::{col_name, parse_ref};
use crate::finding::Source;

/// Most sheets read.
const MAX_SHEETS: usize = 64;

/// Reads a .xlsx workbook.
pub fn import(bytes: &[u8]) -> Imported {
    match read_grids(bytes) {
        Ok(grids) => super::prose::from_parts(&grids, &[]),
        Err(e) => e.into(),
    }
}

fn bad(what: &str) -> Unreadable {
    Unreadable::new(
        &format!("Excel 文件无法解析：{what}"),
        &format!("the workbook cannot be parsed: {what}"),
    )
}

/// One grid per sheet, in workbook order.
pub fn read_grids(bytes: &[u8]) -> Result<Vec<Grid>, Unreadable> {
    let mut zip = super::zip::open(bytes)?;
    let workbook = zip
        .read_text("xl/workbook.xml")?
        .ok_or_else(|| bad("no xl/workbook.xml"))?;
    let rels = zip
        .read_text("xl/_rels/workbook.xml.rels")?
        .unwrap_or_default();
    let strings = match zip.read_text("xl/sharedStrings.xml")? {
        Some(x) => shared_strings(&x).map_err(|e| bad(&e))?,
        None => Vec::new(),
    };
    let targets = attr_map(&rels, b"Relationship", b"Id", b"Target").map_err(|e| bad(&e))?;
    let sheets = sheet_list(&workbook).map_err(|e| bad(&e))?;
    let mut grids = Vec::new();
    for (name, rid) in sheets.into_iter().take(MAX_SHEETS) {
        let Some(target) = targets.get(&rid) else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("xl/{target}"),
        };
        let Some(xml) = zip.read_text(&path)? else {
            continue;
        };
        grids.push(sheet(&xml, &name, &strings).map_err(|e| bad(&e))?);
    }
    if grids.is_empty() {
        return Err(bad("no worksheet"));
    }
    Ok(grids)
}

fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key || a.key.local_name().as_ref() == key)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// `key attribute → value attribute` of every element `tag`.
fn attr_map(
    xml: &str,
    tag: &[u8],
    key: &[u8],
    value: &[u8],
) -> Result<HashMap<String, String>, String> {
    let mut out = HashMap::new();
    let mut r = Reader::from_str(xml);
    loop {
        match r.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == tag => {
                if let (Some(k), Some(v)) = (attr(&e, key), attr(&e, value)) {
                    out.insert(k, v);
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// (sheet name, relationship id) in workbook order.
fn sheet_list(xml: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut r = Reader::from_str(xml);
    loop {
        match r.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"sheet" => {
                if let (Some(n), Some(id)) = (attr(&e, b"name"), attr(&e, b"r:id")) {
                    out.push((n, id));
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// Shared strings; phonetic runs (`rPh`) are not text.
fn shared_strings(xml: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut r = Reader::from_str(xml);
    let (mut cur, mut in_t, mut in_rph) = (String::new(), false, false);
    loop {
        match r.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"si" => cur.clear(),
                b"t" => in_t = true,
                b"rPh" => in_rph = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"si" => out.push(std::mem::take(&mut cur)),
                b"t" => in_t = false,
                b"rPh" => in_rph = false,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == b"si" => out.push(String::new()),
            Event::Text(t) if in_t && !in_rph => {
                cur.push_str(&t.unescape().map_err(|e| e.to_string())?)
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// A merged range: top-left and bottom-right (row, col).
type Range = ((usize, usize), (usize, usize));

#[derive(Default)]
struct RawCell {
    kind: String,
    value: Option<String>,
    formula: Option<String>,
    inline: String,
}

/// One worksheet → grid.
fn sheet(xml: &str, name: &str, strings: &[String]) -> Result<Grid, String> {
    let mut cells: BTreeMap<(usize, usize), String> = BTreeMap::new();
    let mut formulas: Vec<((usize, usize), String)> = Vec::new();
    let mut merges: Vec<Range> = Vec::new();
    let mut r = Reader::from_str(xml);
    let (mut pos, mut row_no, mut next_col) = (None, 0usize, 0usize);
    let mut cur: Option<RawCell> = None;
    let mut field: Option<&'static str> = None;
    loop {
        match r.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"row" => {
                row_no = attr(&e, b"r")
                    .and_then(|v| v.parse::<usize>().ok())
                    .and_then(|v| v.checked_sub(1))
                    .unwrap_or(row_no);
                next_col = 0;
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"c" => {
                let at = attr(&e, b"r")
                    .and_then(|v| parse_ref(&v))
                    .unwrap_or((row_no, next_col));
                next_col = at.1 + 1;
                pos = Some(at);
                cur = Some(RawCell {
                    kind: attr(&e, b"t").unwrap_or_default(),
                    ..RawCell::default()
                });
            }
            Event::Start(e) => {
                field = match e.local_name().as_ref() {
                    b"v" => Some("v"),
                    b"f" => Some("f"),
                    b"t" => Some("t"),
                    _ => field,
                };
            }
            Event::Empty(e) if e.local_name().as_ref() == b"mergeCell" => {
                let range = attr(&e, b"ref").unwrap_or_default();
                if let Some((a, b)) = range.split_once(':') {
                    if let (Some(a), Some(b)) = (parse_ref(a), parse_ref(b)) {
                        merges.push((a, b));
                    }
                }
            }
            Event::Text(t) => {
                if let (Some(c), Some(f)) = (cur.as_mut(), field) {
                    let text = t.unescape().map_err(|e| e.to_string())?;
                    match f {
                        "v" => c.value.get_or_insert_with(String::new).push_str(&text),
                        "f" => c.formula.get_or_insert_with(String::new).push_str(&text),
                        _ => c.inline.push_str(&text),
                    }
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"v" | b"f" | b"t" => field = None,
                b"c" => {
                    if let (Some(c), Some(at)) = (cur.take(), pos.take()) {
                        if at.0 < MAX_ROWS && at.1 < MAX_COLS {
                            let text = cell_text(&c, strings);
                            if let (None, Some(f)) = (&c.value, &c.formula) {
                                formulas.push((at, f.clone()));
                            }
                            cells.insert(at, text);
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    for (at, f) in formulas {
        if let Some(v) = eval_sum(&f, &cells) {
            cells.insert(at, v);
        }
    }
    Ok(build(name, &cells, &merges))
}

fn cell_text(c: &RawCell, strings: &[String]) -> String {
    let v = c.value.as_deref().unwrap_or("");
    match c.kind.as_str() {
        "s" => v
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|i| strings.get(i))
            .cloned()
            .unwrap_or_default(),
        "inlineStr" => c.inline.clone(),
        "str" | "e" => v.to_string(),
        "b" => (if v == "1" { "TRUE" } else { "FALSE" }).to_string(),
        _ if c.value.is_none() => c
            .formula
            .as_ref()
            .map(|f| format!("={f}"))
            .unwrap_or_default(),
        _ => number_text(v),
    }
}

/// A stored number as Excel shows it: 15 significant digits (`3.5000000000000004` → `3.5`,
/// `5.0` → `5`).
fn number_text(v: &str) -> String {
    let shown = |f: f64| format!("{f:.14e}").parse::<f64>().unwrap_or(f);
    match v.trim().parse::<f64>().map(shown) {
        Ok(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        Ok(f) if f.is_finite() => format!("{f}"),
        _ => v.to_string(),
    }
}

/// `SUM(D6:D26)` over the sheet's numbers; `None` for anything else.
fn eval_sum(f: &str, cells: &BTreeMap<(usize, usize), String>) -> Option<String> {
    let inner = f.trim().strip_prefix("SUM(")?.strip_suffix(')')?;
    let (a, b) = inner.split_once(':')?;
    let (a, b) = (
        parse_ref(&a.replace('$', ""))?,
        parse_ref(&b.replace('$', ""))?,
    );
    let mut sum = 0f64;
    for r in a.0.min(b.0)..=a.0.max(b.0) {
        for c in a.1.min(b.1)..=a.1.max(b.1) {
            if let Some(t) = cells.get(&(r, c)).filter(|t| !t.trim().is_empty()) {
                sum += t.trim().parse::<f64>().ok()?;
            }
        }
    }
    Some(number_text(&sum.to_string()))
}

fn build(name: &str, cells: &BTreeMap<(usize, usize), String>, merges: &[Range]) -> Grid {
    let ends = cells.keys().copied().chain(merges.iter().map(|m| m.1));
    let rows = ends
        .clone()
        .map(|k| k.0 + 1)
        .max()
        .unwrap_or(0)
        .min(MAX_ROWS);
    let cols = ends.map(|k| k.1 + 1).max().unwrap_or(0).min(MAX_COLS);
    let mut grid: Vec<Vec<GridCell>> = (0..rows)
        .map(|r| {
            (0..cols)
                .map(|c| GridCell {
                    text: cells.get(&(r, c)).cloned().unwrap_or_default(),
                    source: Source {
                        sheet: Some(name.to_string()),
                        cell: Some(format!("{}{}", col_name(c), r + 1)),
                        ..Source::default()
                    },
                    covered: false,
                })
                .collect()
        })
        .collect();
    // Bounded work whatever the merge list: at most this many positions are filled.
    let mut budget: usize = 4 * MAX_ROWS * MAX_COLS;
    for &((r0, c0), (r1, c1)) in merges {
        let area = (r1.min(rows).saturating_sub(r0) + 1) * (c1.min(cols).saturating_sub(c0) + 1);
        budget = match budget.checked_sub(area) {
            Some(b) => b,
            None => break,
        };
        let text = cells.get(&(r0, c0)).cloned().unwrap_or_default();
        for (r, row) in grid.iter_mut().enumerate().take(r1 + 1).skip(r0) {
            for (c, cell) in row.iter_mut().enumerate().take(c1 + 1).skip(c0) {
                if (r, c) != (r0, c0) {
                    cell.text = text.clone();
                    cell.covered = true;
                }
            }
        }
    }
    Grid { rows: grid }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHEET: &str = r#"<worksheet><sheetData>
        <row r="1"><c r="A1" t="inlineStr"><is><t>行政复议</t></is></c><c r="B1"><v>2</v></c>
        <c r="C1"><v>3.5000000000000004</v></c><c r="D1"><f>SUM(B1:C1)</f></c>
        <c r="E1"><f>B1*2</f></c><c r="F1"><f>SUM(B1:C1)</f><v>9</v></c></row>
        </sheetData><mergeCells><mergeCell ref="A1:A2"/></mergeCells></worksheet>"#;

    #[test]
    fn formulas_refs_and_merges() {
        let g = sheet(SHEET, "表四", &[]).unwrap_or_default();
        let text = |r: usize, c: usize| g.rows[r][c].text.as_str();
        assert_eq!(text(0, 2), "3.5");
        assert_eq!(text(0, 3), "5.5", "SUM without cached value is evaluated");
        assert_eq!(
            text(0, 4),
            "=B1*2",
            "other formulas stay text (I-03 when placed)"
        );
        assert_eq!(text(0, 5), "9", "cached value wins");
        assert_eq!(text(1, 0), "行政复议");
        assert!(g.rows[1][0].covered);
        assert_eq!(g.rows[0][3].source.cell.as_deref(), Some("D1"));
        assert_eq!(parse_ref("AA10"), Some((9, 26)));
        assert_eq!(col_name(26), "AA");
    }
}
