//! XLSX, hand-written SpreadsheetML: sheets 表二, 表三, 表四 laid out like the template (merged
//! header cells), totals as formulas with cached values (表三 总计 column `=SUM(Dn:In)`,
//! （七）总计 row `=SUM(…)` over the result rows, 表四 总计 `=SUM`), cells with findings filled
//! red or amber with the rule ids in a 问题标记 column, and a sheet 问题清单 of the findings.
//! Where a formula's value differs from the total the report printed, the marker says so.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::layout::{self, Content, Grid};
use super::{esc, marked_cells, zip};
use crate::a1::col_name;
use crate::finding::{Finding, Severity};
use crate::model::{format_decimal, CellValue, Report};

/// Styles (cellXfs index).
const S_TITLE: u8 = 1;
const S_CAPTION: u8 = 2;
const S_HEADER: u8 = 3;
const S_LABEL: u8 = 4;
const S_VALUE: u8 = 5;
const S_ERR: u8 = 6;
const S_WARN: u8 = 7;
const S_WRAP: u8 = 8;
const S_HEAD2: u8 = 9;

/// The sheet row (1-based) of grid row 0: a title row sits above the table.
const FIRST: usize = 2;

pub fn write(report: &Report, findings: &[Finding]) -> Vec<u8> {
    let grids = layout::grids(super::template_of(report), report);
    let marks = marked_cells(findings);
    let mut sheets: Vec<(String, String)> = grids
        .iter()
        .map(|g| (g.sheet.to_string(), sheet(g, report, &marks)))
        .collect();
    sheets.push(("问题清单".into(), findings_sheet(&grids, findings)));
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (
            "[Content_Types].xml".into(),
            content_types(sheets.len()).into_bytes(),
        ),
        ("_rels/.rels".into(), ROOT_RELS.into()),
        ("xl/workbook.xml".into(), workbook(&sheets).into_bytes()),
        (
            "xl/_rels/workbook.xml.rels".into(),
            workbook_rels(sheets.len()).into_bytes(),
        ),
        ("xl/styles.xml".into(), STYLES.into()),
    ];
    for (i, (_, xml)) in sheets.into_iter().enumerate() {
        files.push((
            format!("xl/worksheets/sheet{}.xml", i + 1),
            xml.into_bytes(),
        ));
    }
    let refs: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, d)| (n.as_str(), d.clone())).collect();
    zip::write(&refs)
}

/// What a value cell is: a plain value, or a formula over other grid cells.
enum Formula {
    /// `=SUM(` of the numeric columns of this row `)`.
    RowSum(usize, usize),
    /// `=SUM(` of this column over grid rows `)`.
    ColSum(usize, usize),
}

fn formula(g: &Grid, key: &str, row: usize) -> Option<Formula> {
    let mut parts = key.split('.');
    let (table, r, c) = (parts.next()?, parts.next()?, parts.next()?);
    match (table, c) {
        ("s3", "total") => Some(Formula::RowSum(3, 8)),
        ("s4", "total") => {
            let (_, col) = g.position(key)?;
            Some(Formula::RowSum(col.checked_sub(4)?, col - 1))
        }
        ("s3", _) if r == "r3_7" => {
            let first = g.position(&format!("s3.r3_1.{c}"))?.0;
            Some(Formula::ColSum(first, row.checked_sub(1)?))
        }
        _ => None,
    }
}

/// The value a formula computes, the way a spreadsheet would (text and blanks count nothing);
/// `None` when no number goes into it at all.
fn computed(
    g: &Grid,
    report: &Report,
    key: &str,
    row: usize,
    col: usize,
    depth: u8,
) -> Option<f64> {
    let value_at = |r: usize, c: usize| -> Option<f64> {
        match g.at(r, c).map(|x| &x.content) {
            Some(Content::Value(k)) if depth < 3 => computed(g, report, k, r, c, depth + 1),
            _ => None,
        }
    };
    let total = |vals: Vec<Option<f64>>| {
        let nums: Vec<f64> = vals.into_iter().flatten().collect();
        (!nums.is_empty()).then(|| nums.iter().sum())
    };
    match formula(g, key, row) {
        Some(Formula::RowSum(a, b)) => total((a..=b).map(|c| value_at(row, c)).collect()),
        Some(Formula::ColSum(a, b)) => total((a..=b).map(|r| value_at(r, col)).collect()),
        None => report.num(key),
    }
}

/// Column widths in characters, per sheet.
fn col_widths(g: &Grid) -> Vec<f64> {
    match g.id {
        "s3" => [8.0, 10.0, 44.0].into_iter().chain([10.0; 7]).collect(),
        "s4" => vec![9.0; g.widths.len()],
        _ => vec![24.0; g.widths.len()],
    }
}

/// How many text lines a grid row needs for its wrapped labels and headers (CJK counts two).
fn row_lines(g: &Grid, r: usize, widths: &[f64]) -> usize {
    g.cells
        .iter()
        .filter(|c| c.row + c.rowspan - 1 == r)
        .filter_map(|c| match &c.content {
            Content::Label(t) | Content::Header(t) => {
                let w: f64 = widths[c.col..c.col + c.colspan].iter().sum::<f64>() - 1.0;
                let text: f64 = t
                    .chars()
                    .map(|ch| if ch.is_ascii() { 1.1 } else { 2.1 })
                    .sum();
                Some(((text / w.max(1.0)).ceil() as usize).saturating_sub(c.rowspan - 1))
            }
            _ => None,
        })
        .max()
        .unwrap_or(1)
        .clamp(1, 6)
}

fn sheet(g: &Grid, report: &Report, marks: &BTreeMap<String, (Severity, Vec<String>)>) -> String {
    let ncols = g.widths.len();
    let widths = col_widths(g);
    let mut rows = String::new();
    let title = format!(
        "{} {}",
        g.sheet,
        crate::template::SECTION_HEADINGS[usize::from(g.section) - 1]
    );
    let _ = write!(
        rows,
        r#"<row r="1" ht="24" customHeight="1">{}</row>"#,
        str_cell(0, 1, &title, S_TITLE)
    );
    for r in 0..g.rows {
        let sr = r + FIRST;
        let lines = row_lines(g, r, &widths);
        if lines > 1 {
            let _ = write!(
                rows,
                r#"<row r="{sr}" ht="{}" customHeight="1">"#,
                15 * lines
            );
        } else {
            let _ = write!(rows, r#"<row r="{sr}">"#);
        }
        let mut notes: Vec<String> = Vec::new();
        for c in 0..ncols {
            let Some(cell) = g.covering(r, c) else {
                continue;
            };
            let top = cell.row == r && cell.col == c;
            let style = match &cell.content {
                Content::Caption(_) => S_CAPTION,
                Content::Header(_) => S_HEADER,
                Content::Label(_) => S_LABEL,
                Content::Value(_) => S_VALUE,
            };
            if !top {
                let _ = write!(rows, r#"<c r="{}{sr}" s="{style}"/>"#, col_name(c));
                continue;
            }
            match &cell.content {
                Content::Caption(t) | Content::Header(t) | Content::Label(t) => {
                    rows.push_str(&str_cell(c, sr, t, style))
                }
                Content::Value(k) => {
                    let mark = marks.get(k);
                    let style = match mark {
                        Some((Severity::Error, _)) => S_ERR,
                        Some(_) => S_WARN,
                        None => S_VALUE,
                    };
                    if let Some((_, rules)) = mark {
                        notes.push(format!("{}{sr}：{}", col_name(c), rules.join("、")));
                    }
                    let printed = report.cells.get(k);
                    // A total with nothing to add up stays as printed (a blank is not a zero).
                    let value = computed(g, report, k, r, c, 0);
                    match formula(g, k, r).zip(value) {
                        Some((f, v)) => {
                            let expr = match f {
                                Formula::RowSum(a, b) => {
                                    format!("SUM({}{sr}:{}{sr})", col_name(a), col_name(b))
                                }
                                Formula::ColSum(a, b) => {
                                    format!("SUM({0}{1}:{0}{2})", col_name(c), a + FIRST, b + FIRST)
                                }
                            };
                            let _ = write!(
                                rows,
                                r#"<c r="{}{sr}" s="{style}"><f>{expr}</f><v>{}</v></c>"#,
                                col_name(c),
                                num(v)
                            );
                            match printed {
                                Some(CellValue::Int(_) | CellValue::Dec(_))
                                    if printed.and_then(CellValue::as_f64) != Some(v) =>
                                {
                                    notes.push(format!(
                                        "{}{sr} 报告填写 {}，公式计算 {}",
                                        col_name(c),
                                        printed.map(CellValue::display).unwrap_or_default(),
                                        num(v)
                                    ));
                                }
                                Some(CellValue::Text(t)) => {
                                    notes.push(format!("{}{sr} 报告填写“{t}”", col_name(c)))
                                }
                                Some(CellValue::Blank) | None => {
                                    notes.push(format!("{}{sr} 报告未填", col_name(c)))
                                }
                                _ => {}
                            }
                        }
                        None => rows.push_str(&value_cell(c, sr, printed, style)),
                    }
                }
            }
        }
        if !notes.is_empty() {
            rows.push_str(&str_cell(
                ncols,
                sr,
                &format!("问题标记：{}", notes.join("；")),
                S_WRAP,
            ));
        }
        rows.push_str("</row>");
    }
    let mut cols = String::new();
    for (i, width) in widths.iter().enumerate() {
        let _ = write!(
            cols,
            r#"<col min="{n}" max="{n}" width="{width:.1}" customWidth="1"/>"#,
            n = i + 1
        );
    }
    let _ = write!(
        cols,
        r#"<col min="{n}" max="{n}" width="48" customWidth="1"/>"#,
        n = ncols + 1
    );
    let mut merges = vec![format!("A1:{}1", col_name(ncols - 1))];
    for c in g.cells.iter().filter(|c| c.rowspan > 1 || c.colspan > 1) {
        merges.push(format!(
            "{}{}:{}{}",
            col_name(c.col),
            c.row + FIRST,
            col_name(c.col + c.colspan - 1),
            c.row + c.rowspan - 1 + FIRST
        ));
    }
    worksheet(&cols, &rows, &merges)
}

fn worksheet(cols: &str, rows: &str, merges: &[String]) -> String {
    let mut m = String::new();
    if !merges.is_empty() {
        let _ = write!(m, r#"<mergeCells count="{}">"#, merges.len());
        for r in merges {
            let _ = write!(m, r#"<mergeCell ref="{r}"/>"#);
        }
        m.push_str("</mergeCells>");
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><cols>{cols}</cols><sheetData>{rows}</sheetData>{m}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>"#
    )
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn str_cell(c: usize, r: usize, text: &str, style: u8) -> String {
    format!(
        r#"<c r="{}{r}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
        col_name(c),
        esc(text)
    )
}

fn value_cell(c: usize, r: usize, v: Option<&CellValue>, style: u8) -> String {
    match v {
        Some(CellValue::Int(i)) => {
            format!(r#"<c r="{}{r}" s="{style}"><v>{i}</v></c>"#, col_name(c))
        }
        Some(CellValue::Dec(d)) => format!(
            r#"<c r="{}{r}" s="{style}"><v>{}</v></c>"#,
            col_name(c),
            format_decimal(*d)
        ),
        Some(CellValue::Text(t)) => str_cell(c, r, t, style),
        Some(CellValue::Blank) | None => format!(r#"<c r="{}{r}" s="{style}"/>"#, col_name(c)),
    }
}

fn findings_sheet(grids: &[Grid], findings: &[Finding]) -> String {
    let heads = [
        "序号",
        "规则",
        "级别",
        "说明",
        "涉及单元格",
        "位置",
        "应为",
        "实为",
    ];
    let mut rows = String::from(r#"<row r="1">"#);
    for (i, h) in heads.iter().enumerate() {
        rows.push_str(&str_cell(i, 1, h, S_HEAD2));
    }
    rows.push_str("</row>");
    let place = |key: &str| {
        grids.iter().find_map(|g| {
            g.position(key)
                .map(|(r, c)| format!("{}!{}{}", g.sheet, col_name(c), r + FIRST))
        })
    };
    for (i, f) in findings.iter().enumerate() {
        let r = i + 2;
        let names: Vec<String> = f
            .cells
            .iter()
            .map(|k| {
                crate::template::find_cell(k)
                    .map(|c| c.name())
                    .unwrap_or_else(|| k.clone())
            })
            .collect();
        let places: Vec<String> = f.cells.iter().filter_map(|k| place(k)).collect();
        let show = |v: &Option<CellValue>| v.as_ref().map(CellValue::display).unwrap_or_default();
        let _ = write!(
            rows,
            r#"<row r="{r}"><c r="A{r}"><v>{}</v></c>{}{}{}{}{}{}{}</row>"#,
            i + 1,
            str_cell(1, r, &f.rule, 0),
            str_cell(2, r, f.severity.zh(), 0),
            str_cell(3, r, &f.message, S_WRAP),
            str_cell(4, r, &names.join("；"), S_WRAP),
            str_cell(5, r, &places.join(" "), S_WRAP),
            str_cell(6, r, &show(&f.expected), 0),
            str_cell(7, r, &show(&f.actual), 0),
        );
    }
    let cols = r#"<col min="1" max="1" width="6" customWidth="1"/><col min="2" max="3" width="9" customWidth="1"/><col min="4" max="4" width="60" customWidth="1"/><col min="5" max="6" width="36" customWidth="1"/><col min="7" max="8" width="10" customWidth="1"/>"#;
    worksheet(cols, &rows, &[])
}

fn content_types(n: usize) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    );
    for i in 1..=n {
        let _ = write!(
            s,
            r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        );
    }
    s.push_str("</Types>");
    s
}

fn workbook(sheets: &[(String, String)]) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    for (i, (name, _)) in sheets.iter().enumerate() {
        let _ = write!(
            s,
            r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
            esc(name),
            n = i + 1
        );
    }
    s.push_str(r#"</sheets><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>"#);
    s
}

fn workbook_rels(n: usize) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for i in 1..=n {
        let _ = write!(
            s,
            r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#
        );
    }
    let _ = write!(
        s,
        r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
        n + 1
    );
    s
}

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="3"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><charset val="134"/></font><font><b/><sz val="14"/><name val="宋体"/><charset val="134"/></font></fonts><fills count="6"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFC6D9F1"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFDE2E1"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFEF0C7"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFF2F4F7"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="10"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf><xf numFmtId="0" fontId="0" fillId="2" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="center"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="center" wrapText="1"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf><xf numFmtId="0" fontId="1" fillId="3" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf><xf numFmtId="0" fontId="1" fillId="4" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="1" fillId="5" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TemplateId;

    #[test]
    fn column_names() {
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(9), "J");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
    }

    #[test]
    fn totals_are_formulas_with_cached_values() {
        let mut r = Report::empty(TemplateId::V2021);
        r.cells.insert("s3.r1.natural", CellValue::Int(3));
        r.cells.insert("s3.r1.legal", CellValue::Int(4));
        r.cells.insert("s3.r1.total", CellValue::Int(9));
        r.cells.insert("s4.review.upheld", CellValue::Int(2));
        let g = layout::grids(TemplateId::V2021, &r);
        let s3 = sheet(&g[1], &r, &BTreeMap::new());
        assert!(s3.contains("<f>SUM(D5:I5)</f><v>7</v>"), "{s3}");
        assert!(s3.contains("J5 报告填写 9，公式计算 7"));
        // （七）总计 over the result rows; nothing to add up stays blank.
        r.cells.insert("s3.r3_1.natural", CellValue::Int(5));
        let s3 = sheet(&g[1], &r, &BTreeMap::new());
        assert!(
            s3.contains(r#"<c r="D28" s="5"><f>SUM(D7:D27)</f><v>5</v></c>"#),
            "{s3}"
        );
        assert!(!s3.contains("SUM(E7:E27)"));
        let s4 = sheet(&g[2], &r, &BTreeMap::new());
        assert!(s4.contains("<f>SUM(A5:D5)</f><v>2</v>"), "{s4}");
        assert!(
            !s4.contains("SUM(F5:I5)"),
            "a total of blanks is not a zero"
        );
    }
}
