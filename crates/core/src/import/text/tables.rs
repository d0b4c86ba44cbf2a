//! Reading the three table areas from value groups: what the tables share (template rows,
//! writing cells, blank rows) and section 4 — the 15 numbers by position. Section 2 is in
//! `s2` (each group to the row its label names), section 3 in `s3` (groups aligned to the rows
//! in order, anchored by the labels that can be read).

pub use super::s2::read_s2;
pub use super::s3::read_s3;

use super::cells::{trim_fields, trimmed, Sink};
use super::doc::{norm_static, Doc, Norm};
use super::index::RowIndex;
use super::labels::{candidates, Cand};
use super::tokens::{Field, Group};
use crate::import::split::{self, RawRow};
use crate::model::TemplateId;
use crate::template::{self, Kind, RowDef, TableDef};
use std::ops::Range;
use std::sync::OnceLock;

/// One template row with what is needed to match and fill it.
pub(super) struct RowSpec {
    pub(super) row: &'static RowDef,
    pub(super) table: &'static TableDef,
    pub(super) cands: Vec<Cand>,
    /// The row's cells, one per column, by their index in the template's `cells` (see
    /// `cells::Sink`).
    cells: Range<usize>,
}

impl RowSpec {
    pub(super) fn cells(&self) -> Range<usize> {
        self.cells.clone()
    }
    /// The row's first cell, which names the row in `Sink::see_row` (one to one, tested).
    pub(super) fn first_cell(&self) -> usize {
        self.cells.start
    }
    fn kinds(&self) -> Vec<Kind> {
        self.table.columns.iter().map(|c| c.kind).collect()
    }
}

/// The rows of a template's section tables, built once per (template, section): label
/// normalisation and indexing would otherwise be redone on every import.
pub(super) fn specs(t: TemplateId, section: u8) -> &'static [RowSpec] {
    sections(t, section).map_or(&[], |s| &s.0)
}

/// The label index of [`specs`]`(t, section)`, row for row.
pub(super) fn row_index(t: TemplateId, section: u8) -> Option<&'static RowIndex> {
    sections(t, section).map(|s| &s.1)
}

fn sections(t: TemplateId, section: u8) -> Option<&'static (Vec<RowSpec>, RowIndex)> {
    static CACHE: OnceLock<[(Vec<RowSpec>, RowIndex); 6]> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        let build = |t: TemplateId, section: u8| {
            let cells = template::get(t).cells();
            // A row's cells are consecutive in the template's cells (rows by columns).
            let first = |table: &TableDef, row: &RowDef| {
                cells
                    .iter()
                    .position(|c| std::ptr::eq(c.table, table) && std::ptr::eq(c.row, row))
                    .unwrap_or(cells.len())
            };
            let specs: Vec<RowSpec> = template::get(t)
                .section_tables(section)
                .flat_map(|table| {
                    table.rows.iter().map(move |row| {
                        let from = first(table, row);
                        RowSpec {
                            row,
                            table,
                            cands: candidates(row),
                            cells: from..(from + table.columns.len()).min(cells.len()),
                        }
                    })
                })
                .collect();
            let index = RowIndex::new(specs.iter().map(|s| &s.cands[..]));
            (specs, index)
        };
        [
            build(TemplateId::V2019, 2),
            build(TemplateId::V2019, 3),
            build(TemplateId::V2019, 4),
            build(TemplateId::V2021, 2),
            build(TemplateId::V2021, 3),
            build(TemplateId::V2021, 4),
        ]
    });
    let base = match t {
        TemplateId::V2019 => 0,
        TemplateId::V2021 => 3,
    };
    match section {
        2..=4 => all.get(base + usize::from(section) - 2),
        _ => None,
    }
}

/// A row that got a group, to be written (directly or through the digit splitter).
pub(super) struct Placed<'g> {
    pub(super) spec: usize,
    pub(super) group: &'g Group<'g>,
}

/// Writes placed rows: rows whose fields match the columns directly, the rest through the
/// splitter (all rows of the table together, so its identities can decide).
pub(super) fn write(doc: &Doc, sink: &mut Sink, table: &str, specs: &[RowSpec], placed: &[Placed]) {
    let mut raws = Vec::new();
    let mut idx = Vec::new();
    for (k, p) in placed.iter().enumerate() {
        let s = &specs[p.spec];
        sink.see_row(s.first_cell());
        let fields = trimmed(&p.group.fields, s.table.columns.len());
        if fields.len() == s.table.columns.len() {
            for (id, f) in s.cells().zip(fields) {
                sink.put(doc, id, f);
            }
        } else if !splittable(p.group, s.table.columns.len()) {
            sink.unplaced(doc, p.group, table);
        } else {
            raws.push(RawRow {
                row: s.row.key,
                text: p.group.joined(),
                kinds: s.kinds(),
            });
            idx.push(k);
        }
    }
    if raws.is_empty() {
        return;
    }
    let readings = split::split_table_with(table, &raws, &sink.split_opts);
    for (k, reading) in idx.iter().zip(readings) {
        let p = &placed[*k];
        match reading {
            Some(r) if r.values.len() == specs[p.spec].table.columns.len() => {
                let ids: Vec<usize> = specs[p.spec].cells().collect();
                sink.put_reading(doc, &ids, p.group, &r)
            }
            _ => sink.unplaced(doc, p.group, table),
        }
    }
}

/// Whether a run of digits could be the `n` cells of a row at all (a cell holds at most 15
/// digits): longer text goes straight to I-01 instead of the splitter.
fn splittable(g: &Group, n: usize) -> bool {
    g.fields.len() <= 4 * n && g.fields.iter().map(|f| f.text.len()).sum::<usize>() <= 17 * n
}

/// Bound on the groups aligned (the alignment is groups × rows).
pub(super) const MAX_GROUPS: usize = 400;

/// The unit of 采购总金额 from its header (`采购总金额（万元）`).
pub fn procurement_unit(norm: &Norm) -> Option<&'static str> {
    let key = norm_static("采购总金额");
    let p = norm.find(key, 0)?;
    let after = norm.chars.get(p + key.len()..)?;
    if after.starts_with(&['万', '元']) {
        Some("万元")
    } else if after.starts_with(&['元']) {
        Some("元")
    } else {
        None
    }
}

/// Rows whose label is in the area but which got no value at all: their cells are blank.
pub fn blank_rows(sink: &mut Sink, t: TemplateId, section: u8, norm: &Norm) {
    for s in specs(t, section) {
        if sink.row_seen(s.first_cell()) || s.cells().any(|id| sink.has(id)) {
            continue;
        }
        let found = s.cands.iter().any(|c| found_label(norm, &c.chars));
        if found {
            for id in s.cells() {
                sink.set(id, crate::model::CellValue::Blank);
            }
        }
    }
}

/// `c` occurs in the area (`规范性文件` inside `行政规范性文件` does not count).
fn found_label(norm: &Norm, c: &[char]) -> bool {
    let mut from = 0;
    while let Some(p) = norm.find(c, from) {
        let inside = c.first() == Some(&'规')
            && p >= 2
            && norm.chars.get(p - 2..p) == Some(&['行', '政'][..]);
        if !inside {
            return true;
        }
        from = p + 1;
    }
    false
}

/// Section 4: the 15 numbers in order, whatever the header looks like.
pub fn read_s4(doc: &Doc, sink: &mut Sink, t: TemplateId, groups: &[Group]) {
    let specs = specs(t, 4);
    let mut fields: Vec<Field> = groups.iter().flat_map(|g| g.fields.clone()).collect();
    let total: usize = specs.iter().map(|s| s.table.columns.len()).sum();
    fields = trim_fields(&fields, total);
    let ids: Vec<usize> = specs.iter().flat_map(RowSpec::cells).collect();
    if fields.len() == total {
        for (&id, f) in ids.iter().zip(&fields) {
            sink.put(doc, id, f);
        }
        // Empty fields before the first value may be the header's merged cells rather than
        // blank cells: a whole group blank that way is flagged, with 0 as the other reading.
        let lead = fields.iter().take_while(|f| f.empty).count();
        if lead > 0 && lead < total {
            for &id in ids.iter().take(lead) {
                sink.doubtful_blank(doc, id, fields[lead].start);
            }
        }
        return;
    }
    let Some(first) = groups.first() else {
        return;
    };
    if fields.len() > 4 * total || fields.iter().map(|f| f.text.len()).sum::<usize>() > 17 * total {
        for g in groups {
            sink.unplaced(doc, g, "s4");
        }
        return;
    }
    let merged = Group {
        label: first.label.clone(),
        line_len: 0,
        fields,
        unit: None,
    };
    let raw = RawRow {
        row: "s4",
        text: merged.joined(),
        kinds: specs.iter().flat_map(RowSpec::kinds).collect(),
    };
    match split::split_table_with("s4", &[raw], &sink.split_opts)
        .into_iter()
        .next()
        .flatten()
    {
        Some(r) if r.values.len() == total => sink.put_reading(doc, &ids, &merged, &r),
        _ => sink.unplaced(doc, &merged, "s4"),
    }
}

#[cfg(test)]
mod tests {
    use crate::import::text::import;
    use crate::model::{CellValue, TemplateId};

    /// A row is named by its first cell (see `Sink::see_row`): in each section, rows and their
    /// first cells are one to one, and the first cell is a cell of the template.
    #[test]
    fn rows_have_their_own_first_cell() {
        for t in [TemplateId::V2019, TemplateId::V2021] {
            let n = crate::template::get(t).cells().len();
            for section in 2..=4 {
                let specs = super::specs(t, section);
                let mut keys: Vec<String> = specs
                    .iter()
                    .map(|s| format!("{}.{}", s.table.prefix, s.row.key))
                    .collect();
                let mut firsts: Vec<usize> = specs.iter().map(|s| s.cells.start).collect();
                assert!(firsts.iter().all(|&f| f < n), "{t:?} {section}");
                keys.sort_unstable();
                keys.dedup();
                firsts.sort_unstable();
                firsts.dedup();
                assert_eq!(keys.len(), specs.len(), "{t:?} {section}: a row key twice");
                assert_eq!(
                    firsts.len(),
                    specs.len(),
                    "{t:?} {section}: a first cell twice"
                );
            }
        }
    }

    fn cell(text: &str, key: &str) -> Option<CellValue> {
        import(text).report.cells.get(key).cloned()
    }

    const S3_2019_ROWS: [&str; 23] = [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（三）不予公开 1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "（四）无法提供 1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
        "（五）不予处理 1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "（六）其他处理",
        "（七）总计",
        "四、结转下年度继续办理",
    ];

    fn report(s3_lines: &str) -> String {
        format!(
            "一、总体情况\n正文。\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t1\t2\t3\n规范性文件\t4\t\t6\n三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n{s3_lines}四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n五、存在的主要问题及改进情况\n无\n六、其他需要报告的事项\n无\n"
        )
    }

    #[test]
    fn tab_rows_blanks_and_template() {
        let lines: String = S3_2019_ROWS
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{l}\t{i}\t0\t0\t0\t0\t0\t{i}\n"))
            .collect();
        let r = import(&report(&lines));
        assert_eq!(r.report.template, Some(TemplateId::V2019));
        assert_eq!(
            r.report.cells.get("s2.normative.published"),
            Some(&CellValue::Blank)
        );
        assert_eq!(
            r.report.cells.get("s3.r3_6.total"),
            Some(&CellValue::Int(20))
        );
        assert_eq!(
            r.report.cells.get("s4.review.total"),
            Some(&CellValue::Int(1))
        );
        assert!(!r.report.cells.contains_key("s2.licensing.prev"));
        assert!(r.findings.iter().any(|f| f.rule == "I-05"));
    }

    #[test]
    fn pdf_rows_with_displaced_labels_keep_their_order() {
        // Labels of rows 3 and 4 sit on the lines after their numbers.
        let mut lines = String::new();
        for (i, l) in S3_2019_ROWS.iter().enumerate() {
            if i == 2 || i == 3 {
                lines.push_str(&format!("{i} 0 0 0 0 0 {i}\n{l}\n"));
            } else {
                lines.push_str(&format!("{l} {i} 0 0 0 0 0 {i}\n"));
            }
        }
        let t = report(&lines);
        assert_eq!(cell(&t, "s3.r3_1.natural"), Some(CellValue::Int(2)));
        assert_eq!(cell(&t, "s3.r3_2.natural"), Some(CellValue::Int(3)));
        assert_eq!(cell(&t, "s3.r3_3_1.natural"), Some(CellValue::Int(4)));
        assert_eq!(cell(&t, "s3.r4.total"), Some(CellValue::Int(22)));
    }

    #[test]
    fn pipes_typos_and_unplaced_numbers() {
        let mut lines: String = S3_2019_ROWS
            .iter()
            .map(|l| {
                format!(
                    "| {} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
                    l.replace("国家", "国际")
                )
            })
            .collect();
        lines.push_str("| 备注 | 9 9 |\n");
        let r = import(&report(&lines));
        assert_eq!(
            r.report.cells.get("s3.r3_3_1.natural"),
            Some(&CellValue::Int(0))
        );
        assert!(r
            .findings
            .iter()
            .any(|f| f.rule == "I-01" && f.text.as_deref() == Some("9 9")));
    }

    #[test]
    fn lost_cells_floating_above_the_table() {
        let t = "二、主动公开政府信息情况\n第二十条第（一）项\n7\n9\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 1 | 30 |\n| 行政规范性文件 | 2 | 40 |\n三、收到和处理政府信息公开申请情况\n";
        let r = import(t);
        assert_eq!(
            r.report.cells.get("s2.rules.repealed"),
            Some(&CellValue::Int(7))
        );
        assert_eq!(
            r.report.cells.get("s2.normative.in_force"),
            Some(&CellValue::Int(40))
        );
        let flagged: Vec<_> = r.findings.iter().filter(|f| f.rule == "I-02").collect();
        assert_eq!(flagged.len(), 2);
    }

    #[test]
    fn crawler_run_on_one_line() {
        let t = "一、总体情况正文。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件123第二十条第（五）项信息内容本年处理决定数量行政许可45三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人一、本年新收政府信息公开申请数量1000001二、上年结转政府信息公开申请数量0000000四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持总计000000000000000五、存在的主要问题及改进情况无。六、其他需要报告的事项无。";
        let r = import(t);
        assert_eq!(
            r.report.cells.get("s2.normative.issued"),
            Some(&CellValue::Int(1))
        );
        assert_eq!(
            r.report.cells.get("s2.normative.in_force"),
            Some(&CellValue::Int(3))
        );
        assert_eq!(
            r.report.cells.get("s2.licensing.decisions"),
            Some(&CellValue::Int(45))
        );
        assert_eq!(r.report.cells.get("s3.r1.total"), Some(&CellValue::Int(1)));
        assert_eq!(
            r.report.cells.get("s4.suit_after_review.total"),
            Some(&CellValue::Int(0))
        );
        assert_eq!(r.report.sections.get("5").map(String::as_str), Some("无。"));
    }

    #[test]
    fn one_cell_per_paragraph_and_empty_tables() {
        let t = "二、主动公开政府信息情况\n\n第二十条第(一)项\n\n信息内容\n\n本年制发件数\n\n规章\n\n1\n\n0\n\n2\n\n行政规范性文件\n\n第二十条第(五)项\n\n行政许可\n\n7\n";
        let r = import(t);
        assert_eq!(
            r.report.cells.get("s2.rules.in_force"),
            Some(&CellValue::Int(2))
        );
        assert_eq!(
            r.report.cells.get("s2.normative.issued"),
            Some(&CellValue::Blank)
        );
        assert_eq!(
            r.report.cells.get("s2.licensing.decisions"),
            Some(&CellValue::Int(7))
        );
        assert!(!r.report.cells.contains_key("s2.penalty.decisions"));
    }

    #[test]
    fn numbers_wrapped_around_a_label_piece_and_page_footers() {
        let mut lines = String::new();
        for (i, l) in S3_2019_ROWS.iter().enumerate() {
            if i == 3 {
                lines.push_str("（二）部分公开（区分处理的，只计这一情 3 0 0\n第 2 页 共 5 页\n形，不计其他情形） 0 0 0 3\n");
            } else {
                lines.push_str(&format!("{l} {i} 0 0 0 0 0 {i}\n"));
            }
        }
        let r = import(&report(&lines));
        assert_eq!(
            r.report.cells.get("s3.r3_2.total"),
            Some(&CellValue::Int(3))
        );
        assert_eq!(
            r.report.cells.get("s3.r3_3_1.total"),
            Some(&CellValue::Int(4))
        );
        assert!(
            r.findings.iter().all(|f| f.rule != "I-01"),
            "{:?}",
            r.findings
        );
    }

    /// A sentence after a table belongs to its section's narrative, not to the table.
    #[test]
    fn prose_after_a_table_stays_in_the_section() {
        let lines: String = S3_2019_ROWS
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{l}\t{i}\t0\t0\t0\t0\t0\t{i}\n"))
            .collect();
        let text = report(&format!("{lines}本年度申请均按时办结，无逾期。\n"));
        let r = import(&text);
        let s3 = r.report.sections.get("3").cloned().unwrap_or_default();
        assert!(s3.contains("本年度申请均按时办结，无逾期。"), "{s3:?}");
        assert!(!s3.contains("自然人"), "{s3:?}");
        assert_eq!(
            r.report.cells.get("s3.r3_1.natural"),
            Some(&CellValue::Int(2))
        );
        // Without prose after it, the table ends the section as before.
        let r = import(&report(&lines));
        assert_eq!(r.report.sections.get("3").map(String::as_str), Some(""));
    }

    #[test]
    fn subtotal_column_is_dropped_and_reported() {
        let lines: String = S3_2019_ROWS
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{l} {i} 3 1 2 0 0 0 {}\n", i + 3))
            .collect();
        let r = import(&report(&lines));
        assert_eq!(
            r.report.cells.get("s3.r3_1.commercial"),
            Some(&CellValue::Int(1))
        );
        assert_eq!(
            r.report.cells.get("s3.r3_1.total"),
            Some(&CellValue::Int(5))
        );
        // The extra column is named once, and none of its numbers is lost: each is an I-01.
        let s05: Vec<_> = r.findings.iter().filter(|f| f.rule == "S-05").collect();
        assert_eq!(s05.len(), 1, "{:?}", r.findings);
        assert_eq!(s05[0].text.as_deref(), Some("法人或其他组织"));
        let i01: Vec<_> = r.findings.iter().filter(|f| f.rule == "I-01").collect();
        assert_eq!(i01.len(), S3_2019_ROWS.len(), "{i01:?}");
        assert!(i01
            .iter()
            .all(|f| f.text.as_deref() == Some("3") && f.source.is_some()));
    }

    #[test]
    fn trailing_remark_column_is_not_a_cell() {
        let t =
            report("| 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | 无备注 |\n");
        assert_eq!(cell(&t, "s3.r1.total"), Some(CellValue::Int(1)));
    }

    #[test]
    fn non_numbers_are_i03_and_marks_are_kept() {
        let t = report("一、本年新收政府信息公开申请数量\t/\tabc\t0\t0\t0\t0\t0\n");
        let r = import(&t);
        assert_eq!(
            r.report.cells.get("s3.r1.natural"),
            Some(&CellValue::Text("/".into()))
        );
        let i03: Vec<_> = r.findings.iter().filter(|f| f.rule == "I-03").collect();
        assert_eq!(i03.len(), 1);
        assert_eq!(i03[0].cells, vec!["s3.r1.commercial".to_string()]);
    }
}
