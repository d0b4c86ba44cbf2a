//! The download menu: the report as DOCX, HTML, XLSX, CSV or JSON (rendered by the worker,
//! see `worker_client`), and "打印 / 另存为 PDF" (the browser's print dialog with the print
//! stylesheet of style/extra.css). Also the one place that turns bytes into a file download.

use leptos::prelude::*;
use leptos::task::spawn_local;
use nianbao_core::{Finding, Report};
use wasm_bindgen::JsCast;

use crate::worker_client;

/// One download: format id (as `worker_client::export_file` takes it), button label, MIME type.
pub const FORMATS: [(&str, &str, &str); 5] = [
    (
        "docx",
        "Word（.docx）",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ("html", "网页（.html）", "text/html;charset=utf-8"),
    (
        "xlsx",
        "Excel（.xlsx）",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("csv", "CSV（.csv）", "text/csv;charset=utf-8"),
    ("json", "JSON（.json）", "application/json"),
];

/// The download file name without extension: the report's title, else
/// `{机关}{年}年政府信息公开工作年度报告`, with characters that file systems refuse replaced.
pub fn file_stem(report: &Report) -> String {
    let title = report
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| {
            let agency = report.agency.as_deref().unwrap_or("").trim();
            match report.year {
                Some(y) => format!("{agency}{y}年政府信息公开工作年度报告"),
                None => format!("{agency}政府信息公开工作年度报告"),
            }
        });
    let clean: String = title
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .take(80)
        .collect();
    let clean = clean.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if clean.is_empty() {
        "nianbao".to_string()
    } else {
        clean.to_string()
    }
}

/// Saves bytes as a file: a Blob, an object URL, a click on `<a download>`, and the URL
/// revoked a little later (revoking at once can cancel the download in some browsers).
pub fn save_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let data = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&data);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "无法生成文件 / could not create the file".to_string())?;
    save_blob(name, &blob)
}

/// Saves a Blob under a file name (see [`save_bytes`]).
pub fn save_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let err = || "无法保存文件 / could not save the file".to_string();
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|_| err())?;
    let a = document()
        .create_element("a")
        .map_err(|_| err())?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| err())?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// The download menu.
#[component]
pub fn DownloadMenu(
    #[prop(into)] report: Signal<Report>,
    #[prop(into)] findings: Signal<Vec<Finding>>,
    /// The previous year's report, if any (the HTML download's year-over-year chart).
    #[prop(into, optional)]
    previous: Option<Signal<Option<Report>>>,
) -> impl IntoView {
    // The format being rendered (buttons disabled meanwhile) and the last outcome.
    let busy = RwSignal::new(None::<&'static str>);
    let status = RwSignal::new(String::new());
    let failed = RwSignal::new(false);

    let download = move |format: &'static str, mime: &'static str| {
        if busy.get_untracked().is_some() {
            return;
        }
        busy.set(Some(format));
        failed.set(false);
        status.set("正在生成……".to_string());
        let report = report.get_untracked();
        let name = format!("{}.{format}", file_stem(&report));
        let findings = findings.get_untracked();
        let previous = previous.and_then(|p| p.get_untracked());
        spawn_local(async move {
            let result = worker_client::export_file(report, findings, format.to_string(), previous)
                .await
                .and_then(|bytes| save_bytes(&name, mime, &bytes));
            match result {
                Ok(()) => status.set(format!("已生成 {name}")),
                Err(message) => {
                    failed.set(true);
                    status.set(message);
                }
            }
            busy.set(None);
        });
    };

    view! {
        <section class="nb-downloads nb-noprint" aria-labelledby="nb-downloads-title" data-testid="downloads">
            <h2 id="nb-downloads-title" class="nb-downloads-title">"下载"</h2>
            <ul class="nb-downloads-list">
                {FORMATS
                    .iter()
                    .map(|&(format, label, mime)| {
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="nb-download"
                                    data-testid=format!("download-{format}")
                                    disabled=move || busy.get().is_some()
                                    aria-busy=move || (busy.get() == Some(format)).to_string()
                                    on:click=move |_| download(format, mime)
                                >
                                    {label}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
                <li>
                    <button
                        type="button"
                        class="nb-download nb-download-print"
                        data-testid="download-print"
                        on:click=move |_| {
                            let _ = window().print();
                        }
                    >
                        "打印 / 另存为 PDF"
                    </button>
                </li>
            </ul>
            <p
                class="nb-downloads-status"
                class:nb-downloads-error=move || failed.get()
                data-testid="download-status"
                role="status"
                aria-live="polite"
            >
                {move || status.get()}
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_core::TemplateId;

    #[test]
    fn file_stem_from_title_agency_year() {
        let mut r = Report::empty(TemplateId::V2021);
        assert_eq!(file_stem(&r), "政府信息公开工作年度报告");
        r.agency = Some("淮安市人民政府".into());
        r.year = Some(2024);
        assert_eq!(
            file_stem(&r),
            "淮安市人民政府2024年政府信息公开工作年度报告"
        );
        r.title = Some(" a/b:c?.. ".into());
        assert_eq!(file_stem(&r), "a_b_c_");
        r.title = Some("...".into());
        assert_eq!(file_stem(&r), "nianbao");
    }
}
