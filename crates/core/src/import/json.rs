//! The report document itself (`nianbao.report/1`), as exported by this tool.

use super::Imported;
use crate::model::Report;

/// Reads a report document. A document that does not parse is one I-04.
pub fn import(text: &str) -> Imported {
    match Report::from_json(text) {
        Ok(report) => Imported {
            report,
            findings: Vec::new(),
        },
        Err(e) => Imported::unreadable(&e.message, &e.message_en),
    }
}
