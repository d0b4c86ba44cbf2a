//! [`mount_extras`]: mounts the charts, the download menu and the rules reference for a report
//! given as DATA.md JSON into an element of the page. The checker module exports it (and
//! [`import_file_json`]) to JavaScript as `nb_mount_extras` / `nb_import_file`, so that the
//! end-to-end tests (tests/e2e/downloads.test.mjs) and an embedding page can use them without
//! the rest of the app.

use leptos::prelude::*;
use nianbao_core::{Finding, Report};

use super::charts::Charts;
use super::downloads::DownloadMenu;
use super::rules_ref::RulesRef;

/// Mounts the three components; an unreadable report JSON is an error (nothing is mounted).
pub fn mount_extras(
    parent: web_sys::HtmlElement,
    report_json: &str,
    previous_json: Option<String>,
    findings_json: Option<String>,
) -> Result<(), String> {
    let report = Report::from_json(report_json).map_err(|e| e.message)?;
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
pub async fn import_file_json(bytes: Vec<u8>, name: Option<String>) -> String {
    let imported = crate::worker_client::import_file(bytes, name).await;
    serde_json::to_string(&imported).unwrap_or_default()
}
