//! The seam between the page and the heavy work: importing PDF/DOCX/XLSX files and rendering
//! downloads. Callers only see these two async functions, so the work can move off the UI thread
//! (a Web Worker that is loaded on first use) without touching the components.
//!
//! FIXME(worker): both run on the UI thread for now; the worker replaces the bodies.

use nianbao_core::{Finding, Imported, Report};

/// Imports a file of any supported format (detected by content; `name` is a hint).
pub async fn import_file(bytes: Vec<u8>, name: Option<String>) -> Imported {
    nianbao_core::import(&bytes, name.as_deref())
}

/// Renders a download: `format` is `docx`, `html`, `xlsx`, `csv` or `json`.
pub async fn export_file(
    report: Report,
    findings: Vec<Finding>,
    format: String,
) -> Result<Vec<u8>, String> {
    let format = nianbao_core::export::Format::parse(&format)
        .ok_or_else(|| format!("unknown format {format}"))?;
    nianbao_core::export::export(&report, &findings, format).map_err(|e| e.to_string())
}
