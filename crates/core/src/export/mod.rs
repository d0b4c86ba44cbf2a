//! Exporters: a report (and its findings) → bytes of a file format. Writing the file is the
//! caller's job (the browser saves the bytes, the CLI writes them).
//!
//! Every exporter is deterministic (same input, same bytes), escapes all report text and never
//! panics on report content: blank and text cells are written as they are, a report without a
//! template is written in the template its year or its cell keys imply.

mod csv;
mod docx;
mod html;
mod json;
pub mod layout;
mod xlsx;
mod zip;

use std::collections::BTreeMap;
use std::fmt;

use crate::finding::{Finding, Severity};
use crate::model::Report;

pub use crate::charts;
pub use crate::present::{esc, template_of};

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Docx,
    Html,
    Xlsx,
    Csv,
    Json,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Docx,
        Format::Html,
        Format::Xlsx,
        Format::Csv,
        Format::Json,
    ];

    /// `docx`, `.DOCX`, `html`/`htm`, `xlsx`, `csv`, `json`.
    pub fn parse(s: &str) -> Option<Format> {
        match s
            .trim()
            .trim_start_matches('.')
            .to_ascii_lowercase()
            .as_str()
        {
            "docx" | "word" => Some(Format::Docx),
            "html" | "htm" => Some(Format::Html),
            "xlsx" | "excel" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    pub fn mime_type(self) -> &'static str {
        match self {
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Html => "text/html; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

/// Why an export failed. The exporters accept any report, so this is rare (serialisation).
#[derive(Clone, Debug, PartialEq)]
pub struct ExportError {
    pub message: String,
    pub message_en: String,
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.message, self.message_en)
    }
}

impl std::error::Error for ExportError {}

/// Writes a report and its findings in a format.
pub fn export(
    report: &Report,
    findings: &[Finding],
    format: Format,
) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Docx => docx::write(report),
        Format::Html => html::write(report, findings, None).into_bytes(),
        Format::Xlsx => xlsx::write(report, findings),
        Format::Csv => csv::write(report).into_bytes(),
        Format::Json => json::write(report, findings)?.into_bytes(),
    })
}

/// Like [`export`] for HTML, with year-over-year charts against the previous report.
pub fn export_html(report: &Report, findings: &[Finding], previous: Option<&Report>) -> Vec<u8> {
    html::write(report, findings, previous).into_bytes()
}

/// The report title: its own, else `{机关}{年}年政府信息公开工作年度报告`.
pub fn title_of(report: &Report) -> String {
    if let Some(t) = report.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return t.trim().to_string();
    }
    let agency = report.agency.as_deref().unwrap_or("").trim();
    match report.year {
        Some(y) => format!("{agency}{y}年政府信息公开工作年度报告"),
        None => format!("{agency}政府信息公开工作年度报告"),
    }
}

/// The 落款 lines: the agency (trimmed) and the date in Chinese; `None` when both are empty.
pub(crate) fn signature(report: &Report) -> Option<(&str, String)> {
    let agency = report.agency.as_deref().unwrap_or("").trim();
    let date = report.date.as_deref().map(date_zh).unwrap_or_default();
    (!agency.is_empty() || !date.is_empty()).then_some((agency, date))
}

/// `2025-01-20` → `2025年1月20日`; anything else as written.
pub fn date_zh(date: &str) -> String {
    let parts: Vec<&str> = date.trim().split('-').collect();
    if let [y, m, d] = parts[..] {
        if let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) {
            return format!("{y}年{m}月{d}日");
        }
    }
    date.trim().to_string()
}

/// The worst severity of the error/warning findings naming each cell: the located suspects
/// when a finding has exactly one suspect set, else every cell it names.
pub fn marked_cells(findings: &[Finding]) -> BTreeMap<String, (Severity, Vec<String>)> {
    let mut out: BTreeMap<String, (Severity, Vec<String>)> = BTreeMap::new();
    for f in findings {
        if f.severity == Severity::Info || f.is_not_evaluable() {
            continue;
        }
        let cells: Vec<&String> = match f.suspects.as_slice() {
            [one] => one.iter().map(|s| &s.cell).collect(),
            _ => f.cells.iter().collect(),
        };
        for c in cells {
            let e = out.entry(c.clone()).or_insert((f.severity, Vec::new()));
            e.0 = e.0.min(f.severity);
            if !e.1.contains(&f.rule) {
                e.1.push(f.rule.clone());
            }
        }
    }
    out
}

/// The rows outside the template of a table (`s2`, `s3`, `s4`) as notes under it:
/// `表外行：其他主动公开文件 56、45`.
pub fn extra_notes(report: &Report, table: &str) -> Vec<String> {
    report
        .extra_rows
        .iter()
        .filter(|r| r.table == table)
        .map(|r| {
            let vals: Vec<String> = r.values.iter().map(|v| v.display()).collect();
            format!("表外行：{} {}", r.label.trim(), vals.join("、"))
        })
        .collect()
}

/// The narrative paragraphs of a section: split on newlines, trimmed, empty lines dropped.
pub fn paragraphs(text: &str) -> Vec<&str> {
    text.lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .filter(|l| !l.is_empty())
        .collect()
}
