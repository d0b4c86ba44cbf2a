//! The shared table mapper of the structured importers (HTML, DOCX, XLSX): a [`Grid`] is a
//! table with its merged cells already expanded; [`map_grids`] finds the template's tables in
//! a list of grids by their captions, headers and row labels, and places every value.

use std::collections::{BTreeMap, BTreeSet};

use crate::finding::{Finding, Source};
use crate::model::{CellValue, Cells, ExtraRow, TemplateId};
use crate::template::{self, Layout, RowDef, TableDef};
use crate::text::{normalize_label, strip_notes};

/// Widest table accepted (columns beyond it are dropped): bounds memory on hostile spans.
pub const MAX_COLS: usize = 64;
/// Most rows kept of one table.
pub const MAX_ROWS: usize = 2_000;
/// Most tables kept of one input.
pub const MAX_TABLES: usize = 200;

/// One position of an expanded table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridCell {
    /// The cell's text. A covered position repeats the text of the merged cell covering it.
    pub text: String,
    pub source: Source,
    /// True for a position covered by a merged cell that starts above or to the left.
    pub covered: bool,
}

/// A table: rows of positions, merges expanded.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    pub rows: Vec<Vec<GridCell>>,
}

/// A cell before span expansion (HTML `rowspan`/`colspan`).
#[derive(Clone, Debug, Default)]
pub struct SpanCell {
    pub text: String,
    pub rowspan: usize,
    pub colspan: usize,
    pub source: Source,
}

impl Grid {
    /// Expands row and column spans the way a browser lays out a table.
    pub fn from_spans(mut rows: Vec<Vec<SpanCell>>) -> Grid {
        rows.truncate(MAX_ROWS);
        let n = rows.len();
        let mut out: Vec<Vec<Option<GridCell>>> = vec![Vec::new(); n];
        for (r, row) in rows.into_iter().enumerate() {
            let mut c = 0usize;
            for cell in row {
                while out[r].get(c).is_some_and(Option::is_some) {
                    c += 1;
                }
                if c >= MAX_COLS {
                    break;
                }
                let rs = cell.rowspan.clamp(1, n - r);
                let cs = cell.colspan.clamp(1, MAX_COLS - c);
                for (dr, out_row) in out.iter_mut().skip(r).take(rs).enumerate() {
                    if out_row.len() < c + cs {
                        out_row.resize(c + cs, None);
                    }
                    for (dc, slot) in out_row.iter_mut().skip(c).take(cs).enumerate() {
                        if slot.is_none() {
                            *slot = Some(GridCell {
                                text: cell.text.clone(),
                                source: cell.source.clone(),
                                covered: dr > 0 || dc > 0,
                            });
                        }
                    }
                }
                c += cs;
            }
        }
        let rows = out
            .into_iter()
            .map(|row| row.into_iter().map(Option::unwrap_or_default).collect())
            .collect();
        Grid { rows }
    }
}

/// What the mapper found in the grids.
#[derive(Clone, Debug, Default)]
pub struct Mapped {
    /// The template the tables follow; `None` when no table says.
    pub template: Option<TemplateId>,
    pub cells: Cells,
    pub units: BTreeMap<String, String>,
    pub extra_rows: Vec<ExtraRow>,
    /// I-01 and I-03 findings.
    pub findings: Vec<Finding>,
    /// Which tables were seen: `s2`, `s3`, `s4`.
    pub tables: BTreeSet<String>,
}

enum State {
    None,
    S2,
    S3Header(Vec<Vec<GridCell>>),
    S3(S3Cols),
    S4,
}

/// Finds the template tables in the grids and places every value (DATA.md keys).
pub fn map_grids(grids: &[Grid]) -> Mapped {
    let template = detect_template(grids);
    let mut m = Mapped {
        template,
        ..Mapped::default()
    };
    let mut state = State::None;
    let mut pending_unit: Option<String> = None;
    for grid in grids {
        for row in &grid.rows {
            let labels: Vec<String> = row.iter().map(|c| normalize_label(&c.text)).collect();
            if labels.iter().any(|l| l.starts_with("第二十条")) {
                state = State::S2;
                m.tables.insert("s2".into());
                continue;
            }
            // A header row 信息内容 … starts a section-2 table whose caption is outside it.
            let first = labels.iter().find(|l| !l.is_empty());
            if first.is_some_and(|l| l.starts_with("信息内容")) && !matches!(state, State::S2) {
                state = State::S2;
                m.tables.insert("s2".into());
            }
            if labels
                .iter()
                .any(|l| l == "自然人" || l.contains("勾稽关系") || l == "申请人情况")
            {
                if let State::S3Header(h) = &mut state {
                    h.push(row.clone());
                } else {
                    state = State::S3Header(vec![row.clone()]);
                    m.tables.insert("s3".into());
                }
                continue;
            }
            if labels.iter().any(|l| l == "行政复议")
                && labels.iter().any(|l| l.contains("行政诉讼"))
            {
                state = State::S4;
                m.tables.insert("s4".into());
                continue;
            }
            if let State::S3Header(h) = &state {
                if !s3_is_data_row(row, &labels, &m) {
                    let mut h = h.clone();
                    h.push(row.clone());
                    state = State::S3Header(h);
                    continue;
                }
                state = State::S3(s3_columns(h));
            }
            match &mut state {
                State::None => orphan_numbers(&mut m, row),
                State::S2 => s2_row(&mut m, row, &labels, &mut pending_unit),
                State::S3Header(_) => {}
                State::S3(cols) => s3_row(&mut m, row, cols),
                State::S4 => {
                    if s4_is_data_row(row, &labels) {
                        s4_row(&mut m, row);
                        state = State::None;
                    }
                }
            }
        }
    }
    if let Some(u) = pending_unit {
        if m.cells.contains_key("s2.procurement.amount") {
            m.units.insert("s2.procurement.amount".into(), u);
        }
    }
    m
}

fn parse(text: &str) -> CellValue {
    CellValue::parse(text)
}

/// Template from the tables: V2019 and V2021 markers (headers, captions, row shapes).
pub fn detect_template(grids: &[Grid]) -> Option<TemplateId> {
    const V19: [&str; 6] = [
        "本年新制作数量",
        "本年新公开数量",
        "上一年项目数量",
        "第二十条第九项",
        "对外公开总数量",
        "政府集中采购",
    ];
    const V21: [&str; 5] = [
        "本年制发件数",
        "现行有效件数",
        "本年收费金额",
        "申请人无正当理由逾期不补正",
        "逾期未按收费通知",
    ];
    let (mut v19, mut v21) = (0, 0);
    for row in grids.iter().flat_map(|g| g.rows.iter()) {
        let mut sixth = false;
        for c in row.iter().filter(|c| !c.covered) {
            let n = normalize_label(&c.text);
            v19 += V19.iter().filter(|m| n.contains(*m)).count();
            v21 += V21.iter().filter(|m| n.contains(*m)).count();
            sixth |= n == "六其他处理";
        }
        // A single （六）其他处理 row carrying numbers (no sub-row label) is the 2019 shape.
        let single = row.iter().all(|c| {
            let n = normalize_label(&c.text);
            let v = parse(&c.text);
            n.is_empty()
                || v.is_number()
                || v.is_mark()
                || n == "六其他处理"
                || n == "三本年度办理结果"
        });
        if sixth && single && row.iter().any(|c| parse(&c.text).is_number()) {
            v19 += 1;
        }
    }
    match (v19, v21) {
        (0, 0) => None,
        (a, b) if a > b => Some(TemplateId::V2019),
        _ => Some(TemplateId::V2021),
    }
}

fn templates(m: &Mapped) -> Vec<&'static template::Template> {
    match m.template {
        Some(t) => vec![template::get(t)],
        None => vec![
            template::get(TemplateId::V2021),
            template::get(TemplateId::V2019),
        ],
    }
}

/// True when the normalised label `n` is the row's label or one of its aliases.
pub fn label_is(n: &str, row: &RowDef) -> bool {
    std::iter::once(row.label)
        .chain(row.aliases.iter().copied())
        .any(|l| normalize_label(l) == n)
}

/// Places a value, reporting a non-number non-mark as I-03.
fn put(m: &mut Mapped, key: String, cell: &GridCell) {
    let v = parse(&cell.text);
    if let CellValue::Text(t) = &v {
        if !v.is_mark() {
            m.findings
                .push(super::not_a_number(&key, t, cell.source.clone()));
        }
    }
    m.cells.insert(key, v);
}

fn unplaced(m: &mut Mapped, cell: &GridCell) {
    m.findings.push(super::unplaced_number(
        cell.text.trim(),
        cell.source.clone(),
    ));
}

fn orphan_numbers(m: &mut Mapped, row: &[GridCell]) {
    for c in row.iter().filter(|c| !c.covered) {
        if parse(&c.text).is_number() {
            unplaced(m, c);
        }
    }
}

fn extra_row(m: &mut Mapped, table: &str, label: String, cells: &[&GridCell]) {
    let values: Vec<CellValue> = cells.iter().map(|c| parse(&c.text)).collect();
    if values.iter().any(|v| *v != CellValue::Blank) {
        m.extra_rows.push(ExtraRow {
            table: table.into(),
            label,
            values,
        });
    }
}

// ---- Section 2 ----------------------------------------------------------------------------

fn s2_row(m: &mut Mapped, row: &[GridCell], labels: &[String], unit: &mut Option<String>) {
    let Some(first) = row.iter().position(|c| !c.text.trim().is_empty()) else {
        return;
    };
    let head = labels.get(first).map(String::as_str).unwrap_or("");
    let values: Vec<&GridCell> = row.iter().skip(first + 1).filter(|c| !c.covered).collect();
    if head.starts_with("信息内容") {
        for c in &values {
            if normalize_label(&c.text).starts_with("采购总金额") {
                *unit = unit_of(&c.text);
            }
        }
        return;
    }
    let label = normalize_label(&strip_notes(&row[first].text));
    let found = templates(m).into_iter().find_map(|t| {
        t.tables
            .iter()
            .filter(|td| td.layout == Layout::Section2)
            .find_map(|td| {
                td.rows
                    .iter()
                    .find(|r| label_is(&label, r))
                    .map(|r| (td, r))
            })
    });
    let Some((td, rd)) = found else {
        extra_row(m, "s2", row[first].text.trim().to_string(), &values);
        return;
    };
    place_positional(m, td, rd, &values);
}

fn place_positional(m: &mut Mapped, td: &TableDef, rd: &RowDef, values: &[&GridCell]) {
    for (i, c) in values.iter().enumerate() {
        match td.columns.get(i) {
            Some(col) => put(m, format!("{}.{}.{}", td.prefix, rd.key, col.key), c),
            None if parse(&c.text).is_number() => unplaced(m, c),
            None => {}
        }
    }
}

/// `采购总金额（万元）` → 万元; `采购总金额（元）` → 元.
fn unit_of(header: &str) -> Option<String> {
    let inner = header.split(['（', '(']).nth(1)?;
    if inner.contains("万元") {
        Some("万元".into())
    } else if inner.contains('元') {
        Some("元".into())
    } else {
        None
    }
}

// ---- Section 3 ----------------------------------------------------------------------------

/// The section-3 columns, read from the header rows.
struct S3Cols {
    /// Grid column → section-3 column index (the lowest label wins).
    cols: Vec<Option<usize>>,
    /// Grid column → its lowest header text (names a column the template does not have).
    names: Vec<String>,
    /// Extra columns already reported (S-05 once per column).
    reported: Vec<usize>,
}

fn s3_columns(header: &[Vec<GridCell>]) -> S3Cols {
    let width = header.iter().map(Vec::len).max().unwrap_or(0);
    let mut cols = vec![None; width];
    let mut names = vec![String::new(); width];
    for row in header {
        for (j, c) in row.iter().enumerate() {
            let n = normalize_label(&c.text);
            if let Some(k) = template::S3_COLUMNS
                .iter()
                .position(|d| d.label == n || d.aliases.contains(&n.as_str()))
            {
                cols[j] = Some(k);
            }
            if !n.is_empty() {
                names[j] = c.text.trim().to_string();
            }
        }
    }
    S3Cols {
        cols,
        names,
        reported: Vec::new(),
    }
}

fn first_value_col(cols: &[Option<usize>], row_len: usize) -> usize {
    cols.iter()
        .position(Option::is_some)
        .unwrap_or(row_len.saturating_sub(7))
}

fn s3_is_data_row(row: &[GridCell], labels: &[String], m: &Mapped) -> bool {
    row.iter().any(|c| parse(&c.text).is_number()) || match_s3(labels, m.template, &[]).is_some()
}

/// The row labels of a section-3 row: distinct texts of its label columns, in order.
fn s3_labels(row: &[GridCell], upto: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in row.iter().take(upto) {
        let t = c.text.trim();
        if !t.is_empty() && out.last().map(String::as_str) != Some(t) {
            out.push(t.to_string());
        }
    }
    out
}

/// The section-3 row named by a row's label cells (most specific last), preferring rows
/// whose group label is among them and rows not yet used.
pub fn match_s3(
    labels: &[String],
    template: Option<TemplateId>,
    used: &[String],
) -> Option<&'static RowDef> {
    let rows = template::get(template.unwrap_or(TemplateId::V2021)).s3_rows();
    let norm: Vec<String> = labels.iter().map(|l| normalize_label(l)).collect();
    let specific = norm.iter().rev().find(|l| !l.is_empty())?.clone();
    let full: String = norm.concat();
    let exact: Vec<&RowDef> = rows
        .iter()
        .filter(|r| label_is(&specific, r) || label_is(&full, r))
        .collect();
    let cands = if exact.is_empty() && specific.chars().count() >= 4 {
        rows.iter()
            .filter(|r| {
                let l = normalize_label(r.label);
                l.chars().count() >= 4 && (specific.starts_with(&l) || l.starts_with(&specific))
            })
            .collect()
    } else {
        exact
    };
    let in_group = |r: &&&RowDef| match r.group {
        Some(g) => norm.contains(&normalize_label(g)),
        None => true,
    };
    let unused = |r: &&&RowDef| !used.iter().any(|u| u == r.key);
    cands
        .iter()
        .find(|r| in_group(r) && unused(r))
        .or_else(|| cands.iter().find(unused))
        .copied()
}

fn s3_row(m: &mut Mapped, row: &[GridCell], s3: &mut S3Cols) {
    let cols = &s3.cols;
    let start = first_value_col(cols, row.len());
    let labels = s3_labels(row, start);
    let col_of = |j: usize| -> Option<usize> {
        match cols.iter().any(Option::is_some) {
            true => cols.get(j).copied().flatten(),
            false => Some(j - start).filter(|k| *k < 7),
        }
    };
    let used: Vec<String> = m
        .cells
        .keys()
        .filter_map(|k| k.strip_prefix("s3.")?.split('.').next())
        .map(String::from)
        .collect();
    let rd = match_s3(&labels, m.template, &used);
    let values: Vec<(usize, &GridCell)> = row
        .iter()
        .enumerate()
        .skip(start)
        .filter(|(_, c)| !c.covered)
        .collect();
    let Some(rd) = rd else {
        let cells: Vec<&GridCell> = values.iter().map(|(_, c)| *c).collect();
        if labels.is_empty() {
            cells.iter().for_each(|c| {
                if parse(&c.text).is_number() {
                    unplaced(m, c)
                }
            });
        } else {
            extra_row(m, "s3", labels.join(" "), &cells);
        }
        return;
    };
    for (j, c) in values {
        match col_of(j) {
            Some(k) => {
                let key = format!("s3.{}.{}", rd.key, template::S3_COLUMNS[k].key);
                put(m, key, c);
            }
            None if parse(&c.text).is_number() => {
                // A column of its own in the header that the template lacks: S-05 once.
                let name = s3.names.get(j).filter(|n| !n.is_empty());
                if let Some(name) = name.filter(|_| cols.iter().any(Option::is_some)) {
                    if !s3.reported.contains(&j) {
                        s3.reported.push(j);
                        m.findings
                            .push(super::extra_s3_column(name, c.source.clone()));
                    }
                }
                unplaced(m, c);
            }
            None => {}
        }
    }
}

// ---- Section 4 ----------------------------------------------------------------------------

/// The data row: a number in it, or (blank form) no header label in it.
fn s4_is_data_row(row: &[GridCell], labels: &[String]) -> bool {
    const HEADERS: [&str; 9] = [
        "行政复议",
        "行政诉讼",
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
        "未经复议直接起诉",
        "复议后起诉",
    ];
    row.iter().any(|c| !c.covered && parse(&c.text).is_number())
        || !labels.iter().any(|l| HEADERS.contains(&l.as_str()))
}

fn s4_row(m: &mut Mapped, row: &[GridCell]) {
    let mut values: Vec<&GridCell> = row.iter().filter(|c| !c.covered).collect();
    while values.len() > 15 && values.first().is_some_and(|c| !parse(&c.text).is_number()) {
        values.remove(0);
    }
    let t = template::get(m.template.unwrap_or(TemplateId::V2021));
    let Some(td) = t.table("s4") else {
        return;
    };
    let keys: Vec<String> = td
        .rows
        .iter()
        .flat_map(|r| {
            td.columns
                .iter()
                .map(move |c| format!("s4.{}.{}", r.key, c.key))
        })
        .collect();
    for (i, c) in values.into_iter().enumerate() {
        match keys.get(i) {
            Some(k) => put(m, k.clone(), c),
            None if parse(&c.text).is_number() => unplaced(m, c),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid::from_spans(
            rows.iter()
                .map(|r| {
                    r.iter()
                        .map(|t| SpanCell {
                            text: t.to_string(),
                            rowspan: 1,
                            colspan: 1,
                            source: Source::default(),
                        })
                        .collect()
                })
                .collect(),
        )
    }

    #[test]
    fn captions_outside_tables_extra_rows_and_strays() {
        let g = [
            grid(&[
                &[
                    "信息内容",
                    "本年新制作数量",
                    "本年新公开数量",
                    "对外公开总数量",
                ],
                &["规章", "0", "0", "0"],
                &["其他主动公开文件", "56", "45", "1"],
            ]),
            grid(&[
                &["行政复议", "", "", "", "", "行政诉讼"],
                &[
                    "1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "9",
                ],
            ]),
            grid(&[&["附件", "2024"]]),
        ];
        let m = map_grids(&g);
        assert_eq!(m.template, Some(TemplateId::V2019));
        assert_eq!(m.cells.get("s2.rules.made"), Some(&CellValue::Int(0)));
        assert_eq!(m.cells.get("s4.review.upheld"), Some(&CellValue::Int(1)));
        assert_eq!(
            m.cells.get("s4.suit_after_review.total"),
            Some(&CellValue::Int(0))
        );
        assert_eq!(m.extra_rows.len(), 1);
        assert_eq!(m.extra_rows[0].label, "其他主动公开文件");
        let i01: Vec<_> = m.findings.iter().filter(|f| f.rule == "I-01").collect();
        assert_eq!(i01.len(), 2, "{:?}", m.findings);
    }

    #[test]
    fn single_sixth_row_is_2019() {
        let g = [grid(&[
            &[
                "",
                "自然人",
                "商业企业",
                "科研机构",
                "社会公益组织",
                "法律服务机构",
                "其他",
                "总计",
            ],
            &["（六）其他处理", "1", "0", "0", "0", "0", "0", "1"],
            &["（七）总计", "1", "0", "0", "0", "0", "0", "1"],
        ])];
        let m = map_grids(&g);
        assert_eq!(m.template, Some(TemplateId::V2019));
        assert_eq!(m.cells.get("s3.r3_6.natural"), Some(&CellValue::Int(1)));
        assert_eq!(m.cells.get("s3.r3_7.total"), Some(&CellValue::Int(1)));
    }

    /// An extra column (a 法人或其他组织 subtotal): S-05 once naming it, each number an I-01.
    #[test]
    fn extra_s3_column_is_named_once_and_its_numbers_kept() {
        let header: &[&str] = &[
            "",
            "自然人",
            "法人或其他组织小计",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "总计",
        ];
        let g = [grid(&[
            header,
            &[
                "一、本年新收政府信息公开申请数量",
                "5",
                "3",
                "1",
                "2",
                "0",
                "0",
                "0",
                "8",
            ],
            &[
                "二、上年结转政府信息公开申请数量",
                "1",
                "2",
                "2",
                "0",
                "0",
                "0",
                "0",
                "3",
            ],
        ])];
        let m = map_grids(&g);
        assert_eq!(m.cells.get("s3.r1.commercial"), Some(&CellValue::Int(1)));
        assert_eq!(m.cells.get("s3.r1.total"), Some(&CellValue::Int(8)));
        let s05: Vec<_> = m.findings.iter().filter(|f| f.rule == "S-05").collect();
        assert_eq!(s05.len(), 1, "{:?}", m.findings);
        assert_eq!(s05[0].text.as_deref(), Some("法人或其他组织小计"));
        let i01: Vec<_> = m.findings.iter().filter(|f| f.rule == "I-01").collect();
        let texts: Vec<_> = i01.iter().filter_map(|f| f.text.as_deref()).collect();
        assert_eq!(texts, ["3", "2"]);
        assert!(i01.iter().all(|f| f.source.is_some()));
    }
}
