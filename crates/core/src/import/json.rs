//! The report document itself (`nianbao.report/1`), as exported by this tool.

use super::Imported;
use crate::model::Report;

/// Reads a report document, or the JSON export of this tool (`{"report": …, "findings": …}`,
/// whose report half is read). A document that does not parse is one I-04.
pub fn import(text: &str) -> Imported {
    let wrapped = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("report").filter(|r| r.is_object()).cloned());
    let read = match wrapped {
        Some(report) => Report::from_value(&report),
        None => Report::from_json(text),
    };
    match read {
        Ok(report) => Imported {
            report,
            findings: Vec::new(),
        },
        Err(e) => Imported::unreadable(&e.message, &e.message_en),
    }
}
