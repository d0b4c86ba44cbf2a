//! `nb_mount_extras(element, report_json, previous_json, findings_json)`: mounts the charts,
//! the download menu and the rules reference for a report given as DATA.md JSON into an
//! element of the page. Exposed to JavaScript (Trunk puts the module's exports on
//! `window.wasmBindings`) so the end-to-end tests (tests/e2e/downloads.test.mjs) and an
//! embedding page can show them without the rest of the app.

use leptos::prelude::*;
use nianbao_core::{Finding, Report};
use wasm_bindgen::prelude::*;

use super::charts::Charts;
use super::downloads::DownloadMenu;
use super::rules_ref::RulesRef;

/// Mounts the three components; an unreadable report JSON is an error (nothing is mounted).
#[wasm_bindgen]
pub fn nb_mount_extras(
    parent: web_sys::HtmlElement,
    report_json: &str,
    previous_json: Option<String>,
    findings_json: Option<String>,
) -> Result<(), JsValue> {
    let report = Report::from_json(report_json).map_err(|e| JsValue::from_str(&e.message))?;
    let previous = previous_json.and_then(|p| Report::from_json(&p).ok());
    let findings: Vec<Finding> = findings_json
        .and_then(|f| serde_json::from_str(&f).ok())
        .unwrap_or_default();
    let report = Signal::stored(report);
    let previous = Signal::stored(previous);
    let findings = Signal::stored(findings);
    let selected = Signal::stored(None::<String>);
    leptos::mount::mount_to(parent, move || {
        view! {
            <div class="nb-app nb-extras" data-testid="extras">
                <DownloadMenu report=report findings=findings />
                <Charts report=report previous=previous />
                <RulesRef selected=selected />
            </div>
        }
    })
    .forget();
    Ok(())
}

/// Imports a file through `worker_client::import_file` (the worker, or the UI thread when it
/// cannot start) and returns the `Imported` as JSON: the end-to-end tests' way to exercise
/// the heavy importers in the browser.
#[wasm_bindgen]
pub async fn nb_import_file(bytes: Vec<u8>, name: Option<String>) -> String {
    let imported = crate::worker_client::import_file(bytes, name).await;
    serde_json::to_string(&imported).unwrap_or_default()
}
