//! JSON: the report document and its findings in one file.
//!
//! Shape: `{"report": <nianbao.report/1 document>, "findings": {"schema": "nianbao.findings/1",
//! "findings": [<finding>, …]}}` — both halves exactly as DATA.md defines them, so
//! `value["report"]` reads back with `Report::from_value` and `value["findings"]` as a
//! `FindingsDoc`. Pretty-printed, keys in a fixed order.

use serde::Serialize;

use super::ExportError;
use crate::finding::{Finding, FindingsDoc};
use crate::model::Report;

#[derive(Serialize)]
struct Doc<'a> {
    report: &'a Report,
    findings: FindingsDoc,
}

pub fn write(report: &Report, findings: &[Finding]) -> Result<String, ExportError> {
    let doc = Doc {
        report,
        findings: FindingsDoc::new(findings.to_vec()),
    };
    serde_json::to_string_pretty(&doc).map_err(|e| ExportError {
        message: format!("无法生成 JSON：{e}"),
        message_en: format!("cannot write JSON: {e}"),
    })
}
