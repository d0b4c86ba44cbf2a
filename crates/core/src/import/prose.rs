//! The structured importers' prose (HTML, DOCX, XLSX): the paragraphs outside tables go through
//! the same readers as plain text ([`sections`], [`meta`]); the tables through [`map_grids`].
//! [`from_parts`] is the one entry; it adds an I-05 for each table not found.

use super::grid::{map_grids, Grid};
use super::text::doc::Doc;
use super::{meta, sections, Imported};
use crate::finding::{Finding, Severity};

/// Builds the imported report from tables and prose paragraphs.
pub fn from_parts(grids: &[Grid], paragraphs: &[String]) -> Imported {
    let mapped = map_grids(grids);
    let text = paragraphs.join("\n");
    let doc = Doc::new(&text);
    let heads = sections::find(&doc);
    if mapped.tables.is_empty() && heads.iter().all(Option::is_none) {
        return Imported::unreadable(
            "输入不是政府信息公开工作年度报告（没有找到章节或表格）",
            "the input is not a government information disclosure annual report (no sections or tables)",
        );
    }
    let tail_from = sections::tail_from(&heads, doc.len());
    let meta = meta::read(&doc, heads[0].map(|h| h.body), tail_from);
    let mut imported = Imported::default();
    let r = &mut imported.report;
    r.sections = sections::narratives(&doc, &heads, meta.signature_at, |_| None);
    r.title = meta.title;
    r.agency = meta.agency;
    r.year = meta.year;
    r.date = meta.date;
    r.template = mapped.template;
    r.cells = mapped.cells;
    r.units = mapped.units;
    r.extra_rows = mapped.extra_rows;
    imported.findings = mapped.findings;
    for (id, name) in [
        ("s2", "主动公开"),
        ("s3", "依申请公开"),
        ("s4", "行政复议、行政诉讼"),
    ] {
        if !mapped.tables.contains(id) {
            imported.findings.push(Finding::new(
                "I-05",
                Severity::Info,
                format!("没有找到{name}表格"),
                format!("table {id} not found"),
            ));
        }
    }
    imported
}
