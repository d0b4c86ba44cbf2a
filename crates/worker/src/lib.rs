//! The work the app's Web Workers do, as plain functions (native tests call them directly).
//!
//! Two workers run this code, built with different features: the reader (`reader`: the light
//! importers and the rules' doc texts, fetched ahead of the first input) and the engine
//! (`engine`: PDF, DOCX and XLSX import and every export, fetched when first needed).
//! [`worker_for`] says which one a request goes to.
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

/// The two workers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Worker {
    Reader,
    Engine,
}

/// The worker that can answer a request (`bytes`: the file of an import).
pub fn worker_for(request: &Request, bytes: &[u8]) -> Worker {
    match request {
        Request::Import { .. } if nianbao_core::import::needs_heavy_importer(bytes) => {
            Worker::Engine
        }
        Request::Import { .. } | Request::RuleDocs => Worker::Reader,
        Request::Export { .. } => Worker::Engine,
    }
}

#[cfg(feature = "reader")]
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

#[cfg(all(feature = "reader", not(feature = "engine")))]
/// The reader has no exporter ([`worker_for`] sends exports to the engine).
fn export(
    _report: &Report,
    _findings: &[Finding],
    _format: &str,
    _previous: Option<&Report>,
) -> Result<Vec<u8>, String> {
    Err("此后台处理不能生成下载文件 / this worker cannot export".into())
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

/// The messages both ways, as the JavaScript values that are posted: `[id, header, bytes]`,
/// with the buffer of `bytes` transferred (not copied).
pub mod wire {
    use js_sys::{Array, Uint8Array};
    use wasm_bindgen::{JsCast, JsValue};

    /// The message to post, and the buffers to transfer with it.
    pub fn pack(id: &JsValue, header: &str, bytes: &[u8]) -> (Array, Array) {
        let data = Uint8Array::from(bytes);
        let transfer = Array::of1(&data.buffer());
        (Array::of3(id, &JsValue::from_str(header), &data), transfer)
    }

    /// The id, header and bytes of a posted message (a missing part reads as empty).
    pub fn unpack(data: &JsValue) -> (JsValue, String, Vec<u8>) {
        let msg = Array::from(data);
        let header = msg.get(1).as_string().unwrap_or_default();
        let bytes = msg
            .get(2)
            .dyn_into::<Uint8Array>()
            .map(|a| a.to_vec())
            .unwrap_or_default();
        (msg.get(0), header, bytes)
    }
}

/// The worker's entry point: installs the message handler ([`handle`]), then says [`READY`].
#[cfg(all(target_arch = "wasm32", feature = "reader"))]
pub fn serve() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    let reply_scope = scope.clone();
    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        let (id, header, bytes) = wire::unpack(&ev.data());
        let (reply, out) = handle(&header, &bytes);
        drop(bytes);
        let (answer, transfer) = wire::pack(&id, &reply_json(&reply), &out);
        if reply_scope
            .post_message_with_transfer(&answer, &transfer)
            .is_err()
        {
            let _ = reply_scope.post_message(&answer);
        }
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
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
            .insert("s3.r1.total", nianbao_core::CellValue::Int(12));
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

#[cfg(test)]
mod routing {
    use super::*;

    #[test]
    fn heavy_formats_and_exports_go_to_the_engine_the_rest_to_the_reader() {
        let import = Request::Import { name: None };
        assert_eq!(worker_for(&import, b"%PDF-1.4"), Worker::Engine);
        assert_eq!(worker_for(&import, b"PK\x03\x04"), Worker::Engine);
        assert_eq!(
            worker_for(&import, "一、总体情况".as_bytes()),
            Worker::Reader
        );
        assert_eq!(worker_for(&import, b"<html></html>"), Worker::Reader);
        assert_eq!(worker_for(&import, b""), Worker::Reader);
        assert_eq!(worker_for(&Request::RuleDocs, b""), Worker::Reader);
        let export = Request::Export {
            report: Box::new(Report::empty(nianbao_core::TemplateId::V2021)),
            findings: vec![],
            format: "json".into(),
            previous: None,
        };
        assert_eq!(worker_for(&export, b""), Worker::Engine);
    }

    /// The reader alone (`--no-default-features --features reader`): imports text, has the
    /// doc texts, and answers an export with a clear error instead of panicking.
    #[cfg(all(feature = "reader", not(feature = "engine")))]
    #[test]
    fn the_reader_imports_text_and_declines_exports() {
        let header = serde_json::to_string(&Request::Import { name: None }).unwrap_or_default();
        let (reply, _) = handle(&header, "一、总体情况".as_bytes());
        assert!(matches!(reply, Reply::Imported { .. }));
        let header = serde_json::to_string(&Request::RuleDocs).unwrap_or_default();
        match handle(&header, b"").0 {
            Reply::RuleDocs { docs } => assert!(docs.iter().all(|(_, d)| !d.is_empty())),
            other => panic!("{other:?}"),
        }
        let export = Request::Export {
            report: Box::new(Report::empty(nianbao_core::TemplateId::V2021)),
            findings: vec![],
            format: "json".into(),
            previous: None,
        };
        let header = serde_json::to_string(&export).unwrap_or_default();
        assert!(matches!(handle(&header, b"").0, Reply::Error { .. }));
    }
}
