//! The work the app's Web Worker does, as plain functions (native tests call them directly).
//!
//! Protocol (both directions are a JS array, so the bytes travel as a transferable
//! `Uint8Array` and never through JSON):
//! - request `[id, header, bytes]`: `id` a number, `header` the JSON of [`Request`],
//!   `bytes` a `Uint8Array` (the file to import; empty for an export);
//! - reply `[id, header, bytes]`: `header` the JSON of [`Reply`], `bytes` the exported file
//!   (empty for an import).
//!
//! When the worker has started it posts the string `"ready"` once; the app queues its
//! requests until then (messages sent before the module has started would be lost).

use nianbao_core::{Finding, Imported, Report};
use serde::{Deserialize, Serialize};

/// The message the worker posts once its handler is installed.
pub const READY: &str = "ready";

/// What the app asks for.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// Import the request's bytes; `name` is the file name (a format hint).
    Import { name: Option<String> },
    /// Render a download: `format` is `docx`, `html`, `xlsx`, `csv` or `json`. `previous` is
    /// the year before's report (the HTML download then has the year-over-year chart).
    Export {
        report: Box<Report>,
        findings: Vec<Finding>,
        format: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        previous: Option<Box<Report>>,
    },
    /// Every rule's doc text (the app's main module is built without them).
    RuleDocs,
}

/// What the worker answers.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reply {
    Imported {
        imported: Box<Imported>,
    },
    /// The exported file is in the reply's bytes.
    Exported,
    /// (rule id, doc) for every rule of the registry.
    RuleDocs {
        docs: Vec<(String, String)>,
    },
    Error {
        message: String,
    },
}

#[cfg(feature = "engine")]
/// Handles one request: the reply header and the bytes to send back.
pub fn handle(header: &str, bytes: &[u8]) -> (Reply, Vec<u8>) {
    let request: Request = match serde_json::from_str(header) {
        Ok(r) => r,
        Err(e) => {
            return (
                Reply::Error {
                    message: format!("后台处理收到无法识别的请求 / bad request: {e}"),
                },
                Vec::new(),
            )
        }
    };
    match request {
        Request::Import { name } => (
            Reply::Imported {
                imported: Box::new(nianbao_core::import(bytes, name.as_deref())),
            },
            Vec::new(),
        ),
        Request::Export {
            report,
            findings,
            format,
            previous,
        } => match export(&report, &findings, &format, previous.as_deref()) {
            Ok(out) => (Reply::Exported, out),
            Err(message) => (Reply::Error { message }, Vec::new()),
        },
        Request::RuleDocs => (
            Reply::RuleDocs {
                docs: nianbao_core::rules::all()
                    .iter()
                    .map(|r| (r.id.to_string(), r.doc.to_string()))
                    .collect(),
            },
            Vec::new(),
        ),
    }
}

#[cfg(feature = "engine")]
/// Renders a download with every exporter of the core (HTML with the previous year's report
/// when there is one).
pub fn export(
    report: &Report,
    findings: &[Finding],
    format: &str,
    previous: Option<&Report>,
) -> Result<Vec<u8>, String> {
    use nianbao_core::export::Format;
    let f = Format::parse(format)
        .ok_or_else(|| format!("不支持的下载格式 {format} / unknown format {format}"))?;
    match (f, previous) {
        (Format::Html, Some(p)) => Ok(nianbao_core::export::export_html(report, findings, Some(p))),
        _ => nianbao_core::export::export(report, findings, f).map_err(|e| e.to_string()),
    }
}

/// The reply header as JSON (serialising our own types cannot fail in practice; if it does,
/// the error is still a valid reply).
pub fn reply_json(reply: &Reply) -> String {
    serde_json::to_string(reply).unwrap_or_else(|e| {
        format!(
            r#"{{"kind":"error","message":{}}}"#,
            serde_json::Value::String(e.to_string())
        )
    })
}

#[cfg(all(test, feature = "engine"))]
mod tests {
    use super::*;
    use nianbao_core::TemplateId;

    #[test]
    fn export_round_trip_and_bad_request() {
        let req = Request::Export {
            report: Box::new(Report::empty(TemplateId::V2021)),
            findings: vec![],
            format: "json".into(),
            previous: None,
        };
        let (reply, bytes) = handle(&serde_json::to_string(&req).unwrap(), &[]);
        assert!(matches!(reply, Reply::Exported));
        assert!(bytes.starts_with(b"{"));
        let (reply, _) = handle("{nonsense", &[]);
        assert!(matches!(reply, Reply::Error { .. }));
        let req = Request::Export {
            report: Box::new(Report::empty(TemplateId::V2021)),
            findings: vec![],
            format: "pptx".into(),
            previous: None,
        };
        let (reply, _) = handle(&serde_json::to_string(&req).unwrap(), &[]);
        assert!(reply_json(&reply).contains("pptx"));
    }

    #[test]
    fn html_export_with_the_previous_report_has_the_year_over_year_chart() {
        let mut report = Report::empty(TemplateId::V2021);
        report.year = Some(2024);
        report
            .cells
            .insert("s3.r1.total".into(), nianbao_core::CellValue::Int(12));
        let mut previous = report.clone();
        previous.year = Some(2023);
        let html = |previous: Option<Box<Report>>| {
            let req = Request::Export {
                report: Box::new(report.clone()),
                findings: vec![],
                format: "html".into(),
                previous,
            };
            let (_, bytes) = handle(&serde_json::to_string(&req).unwrap(), &[]);
            String::from_utf8(bytes).unwrap()
        };
        assert!(html(Some(Box::new(previous))).contains("与上一年度比较"));
        assert!(!html(None).contains("与上一年度比较"));
    }

    #[test]
    fn import_reply_carries_findings() {
        let req = Request::Import { name: None };
        let (reply, _) = handle(&serde_json::to_string(&req).unwrap(), b"");
        match reply {
            Reply::Imported { imported } => assert_eq!(imported.findings[0].rule, "I-04"),
            other => panic!("{other:?}"),
        }
    }
}
