//! Importers: bytes of any supported format → the report document, plus import findings
//! (I-01…I-05) for everything that could not be read with certainty.

pub mod csv;
pub mod docx;
pub mod grid;
pub mod html;
pub mod pdf;
pub mod prose;
pub mod split;
pub mod xlsx;
pub mod zip;

use crate::finding::{Finding, Severity};
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

/// Reads any supported input, detected by content (the file name is only a hint).
pub fn import(bytes: &[u8], file_name: Option<&str>) -> Imported {
    let _ = file_name;
    if bytes.is_empty() {
        return Imported::unreadable("输入为空", "empty input");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) if text.trim_start().starts_with('{') => match Report::from_json(text) {
            Ok(report) => Imported {
                report,
                findings: Vec::new(),
            },
            Err(e) => Imported::unreadable(&e.message, &e.message_en),
        },
        _ => Imported::unreadable("暂不支持此格式", "unsupported format"),
    }
}
