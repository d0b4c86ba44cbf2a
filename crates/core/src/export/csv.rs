//! CSV: one line per item, `key,label,value`, UTF-8 with a BOM (so Excel opens it as UTF-8),
//! RFC 4180 quoting, CRLF line ends.
//!
//! Lines, in order: `schema`, `template`, `year`, `agency`, `title`, `date`, `sections.1` …
//! `sections.6`, `units.<cell key>`, then every cell the report holds in template order (cells
//! outside the template after them), then `extra_rows.<n>` (label: the row label, value: the
//! values joined by `|`, table in the key: `extra_rows.<n>.s2`). A blank cell has an empty
//! value; a field the report lacks has no line, so reading the file back gives the same report.

use crate::model::{CellValue, Report};
use crate::template::{self, CellDef, Layout, S3_RESULTS_GROUP, SECTION_HEADINGS};

pub fn write(report: &Report) -> String {
    let mut out = String::from("\u{FEFF}key,label,value\r\n");
    let mut line = |key: &str, label: &str, value: &str| {
        for (i, f) in [key, label, value].iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&quote(f));
        }
        out.push_str("\r\n");
    };
    line("schema", "文档类型", &report.schema);
    if let Some(t) = report.template {
        line("template", "格式版本", t.as_str());
    }
    if let Some(y) = report.year {
        line("year", "年度", &y.to_string());
    }
    let meta = [
        ("agency", "机关名称", &report.agency),
        ("title", "标题", &report.title),
        ("date", "成文日期", &report.date),
    ];
    for (k, label, v) in meta {
        if let Some(v) = v {
            line(k, label, v);
        }
    }
    for (k, text) in &report.sections {
        let label = k
            .parse::<usize>()
            .ok()
            .and_then(|n| SECTION_HEADINGS.get(n.wrapping_sub(1)))
            .copied()
            .unwrap_or("");
        line(&format!("sections.{k}"), label, text);
    }
    for (k, u) in &report.units {
        line(&format!("units.{k}"), "单位", u);
    }
    let t = template::get(super::template_of(report));
    for cell in t.cells() {
        if let Some(v) = report.cells.get(&cell.key) {
            line(&cell.key, &label_path(cell), &value(v));
        }
    }
    for (k, v) in &report.cells {
        if t.cell(k).is_none() {
            let label = template::find_cell(k).map(label_path).unwrap_or_default();
            line(k, &label, &value(v));
        }
    }
    for (i, row) in report.extra_rows.iter().enumerate() {
        let vals: Vec<String> = row.values.iter().map(value).collect();
        line(
            &format!("extra_rows.{i}.{}", row.table),
            &row.label,
            &vals.join("|"),
        );
    }
    out
}

/// The Chinese label path of a cell, as the template nests it:
/// `第二十条第（一）项 / 规章 / 本年制发件数`,
/// `三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 / 法人或其他组织 / 商业企业`,
/// `行政诉讼 / 复议后起诉 / 总计`.
fn label_path(c: &CellDef) -> String {
    let mut parts: Vec<&str> = Vec::new();
    match c.table.layout {
        Layout::Section2 => parts.extend([c.table.caption, c.row.label]),
        Layout::Section3 => {
            if c.row.key.starts_with("r3_") {
                parts.push(S3_RESULTS_GROUP);
            }
            parts.extend(c.row.group);
            parts.push(c.row.label);
            if !matches!(c.col.key, "natural" | "total") {
                parts.push("法人或其他组织");
            }
        }
        Layout::Section4 => {
            parts.extend(c.row.group);
            parts.push(c.row.label);
        }
    }
    parts.push(c.col.label);
    parts.join(" / ")
}

/// A value as written: numbers plainly, text verbatim, blank empty.
fn value(v: &CellValue) -> String {
    v.display()
}

/// RFC 4180: quote a field holding a comma, quote, CR or LF (and one with edge spaces).
fn quote(f: &str) -> String {
    if f.contains([',', '"', '\r', '\n']) || f.starts_with(' ') || f.ends_with(' ') {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_string()
    }
}
