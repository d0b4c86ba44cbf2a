//! Getting a report in: the paste box (plain text or HTML clipboard), 打开文件, drag-and-drop,
//! 示例 (a bundled real report) and 新建年报 (an empty template).

//!
//! These components serve both the start page and the checker: they send what the user gives
//! through the module's [`Intake`] and hold no state of the report.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, DragEvent, HtmlInputElement};

use crate::i18n::{tr, Lang};
use crate::intake::{use_intake, Input, Intake};

/// The app's Chinese title, shown in the header.
pub const TITLE_ZH: &str = "政府信息公开年报校验";

/// Slim header: product name, Chinese title, actions, language switch, privacy promise.
#[component]
pub fn Header(
    /// Whether the 新建年报 form is open.
    new_open: RwSignal<bool>,
) -> impl IntoView {
    let intake = use_intake();
    let lang = move || intake.lang.get();
    view! {
        <header class="nb-header">
            <h1 class="nb-title">
                <span class="nb-brand">"nianbao"</span>
                <span class="nb-dot" aria-hidden="true">" · "</span>
                <span data-testid="title">{TITLE_ZH}</span>
            </h1>
            <Toolbar new_open />
            <button
                type="button"
                class="nb-btn nb-btn-quiet nb-lang"
                data-testid="lang"
                on:click=move |_| intake.lang.update(|l| *l = l.other())
            >
                {move || match lang() {
                    Lang::Zh => "English",
                    Lang::En => "中文",
                }}
            </button>
            <p class="nb-privacy" data-testid="privacy">
                <LockIcon />
                <span>"数据只在本机处理"</span>
                <span class="nb-en" lang="en">"Your data stays on this device"</span>
            </p>
        </header>
    }
}

/// A small padlock drawn in SVG (no emoji, no icon font, no network).
#[component]
fn LockIcon() -> impl IntoView {
    view! {
        <svg class="nb-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <rect x="3" y="7" width="10" height="7" rx="1.5" />
            <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
        </svg>
    }
}

/// The header's actions: 示例, 新建年报, 打开文件.
#[component]
pub fn Toolbar(
    /// Whether the 新建年报 form is open.
    new_open: RwSignal<bool>,
) -> impl IntoView {
    let intake = use_intake();
    let lang = move || intake.lang.get();
    let on_file = move |ev: leptos::ev::Event| {
        if let Some(file) = chosen_file(&ev) {
            intake.send(Input::File(file));
        }
    };
    view! {
        // Pointer or keyboard focus on any action: the input is near, prepare for it.
        <div class="nb-toolbar" on:pointerover=move |_| intake.warm() on:focusin=move |_| intake.warm()>
            <button type="button" class="nb-btn" data-testid="sample"
                on:click=move |_| intake.send(Input::Sample)>
                {move || tr(lang(), "示例", "Sample")}
            </button>
            <button type="button" class="nb-btn" data-testid="new"
                aria-expanded=move || new_open.get().to_string()
                on:click=move |_| new_open.update(|o| *o = !*o)>
                {move || tr(lang(), "新建年报", "New report")}
            </button>
            <label class="nb-btn nb-btn-primary nb-file">
                <input type="file" class="nb-file-input" data-testid="file"
                    accept=".txt,.html,.htm,.pdf,.docx,.xlsx,.csv,.json"
                    on:change=on_file />
                <span>{move || tr(lang(), "打开文件", "Open file")}</span>
            </label>
        </div>
    }
}

/// 新建年报: template, year and agency, then an empty report of that template.
#[component]
pub fn NewReportForm(
    /// Closes the form.
    open: RwSignal<bool>,
) -> impl IntoView {
    let intake = use_intake();
    let lang = move || intake.lang.get();
    let template = RwSignal::new("2021".to_string());
    let year = RwSignal::new("2025".to_string());
    let agency = RwSignal::new(String::new());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        intake.send(Input::New {
            template: template.get_untracked(),
            year: year.get_untracked(),
            agency: agency.get_untracked(),
        });
        open.set(false);
    };
    view! {
        <form class="nb-newform" data-testid="new-form" on:submit=create>
            <label>
                <span>{move || tr(lang(), "格式", "Template")}</span>
                <select prop:value=template on:change=move |ev| template.set(event_target_value(&ev))>
                    <option value="2021">{move || tr(lang(), "2021 版（2021 年度起）", "2021 (from 2021)")}</option>
                    <option value="2019">{move || tr(lang(), "2019 版（2019–2020 年度）", "2019 (2019–2020)")}</option>
                </select>
            </label>
            <label>
                <span>{move || tr(lang(), "年度", "Year")}</span>
                <input type="number" min="2008" max="2100" class="nb-year" prop:value=year
                    on:input=move |ev| year.set(event_target_value(&ev)) />
            </label>
            <label class="nb-grow">
                <span>{move || tr(lang(), "机关名称", "Agency")}</span>
                <input type="text" prop:value=agency placeholder="某某市人民政府"
                    on:input=move |ev| agency.set(event_target_value(&ev)) />
            </label>
            <button type="submit" class="nb-btn nb-btn-primary">{move || tr(lang(), "创建", "Create")}</button>
            <button type="button" class="nb-btn" on:click=move |_| open.set(false)>{move || tr(lang(), "取消", "Cancel")}</button>
        </form>
    }
}

/// The file chosen in a file input's `change` event. The input is cleared, so that choosing
/// the same file again fires the event again.
pub(crate) fn chosen_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input = ev.target()?.dyn_into::<HtmlInputElement>().ok()?;
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}

/// Reads the clipboard: HTML when it holds a table, else plain text.
pub(crate) fn pasted(ev: &ClipboardEvent) -> Option<(String, Option<String>)> {
    let data = ev.clipboard_data()?;
    let html = data.get_data("text/html").unwrap_or_default();
    if html.to_ascii_lowercase().contains("<table") {
        return Some((html, Some("clipboard.html".to_string())));
    }
    let text = data.get_data("text/plain").unwrap_or_default();
    (!text.trim().is_empty()).then_some((text, None))
}

/// Empty state: one large paste box with its label and the accepted formats.
#[component]
pub fn PasteBox() -> impl IntoView {
    let intake = use_intake();
    let lang = move || intake.lang.get();
    let (text, set_text) = signal(String::new());
    let chars = move || text.with(|t| t.chars().count());
    let on_paste = move |ev: ClipboardEvent| {
        if let Some((text, name)) = pasted(&ev) {
            ev.prevent_default();
            intake.send(Input::Text { text, name });
        }
    };
    view! {
        <section class="nb-empty">
            <label id="nb-paste-label" class="nb-paste-label" for="nb-paste">
                {move || tr(lang(),
                    "在此粘贴年报全文：网页、PDF、Word 里复制的文字或表格都可以；也可以把文件拖进来",
                    "Paste the whole report here: text or tables copied from a web page, PDF or Word; or drop a file here")}
            </label>
            <textarea
                id="nb-paste"
                class="nb-paste"
                data-testid="paste"
                rows="14"
                spellcheck="false"
                placeholder="一、总体情况……"
                prop:value=text
                on:input=move |ev| set_text.set(event_target_value(&ev))
                on:paste=on_paste
                on:focus=move |_| intake.warm()
            ></textarea>
            <div class="nb-paste-actions">
                <button type="button" class="nb-btn nb-btn-primary" data-testid="read"
                    disabled=move || chars() == 0
                    on:click=move |_| intake.send(Input::Text { text: text.get_untracked(), name: None })>
                    {move || tr(lang(), "读取并检查", "Read and check")}
                </button>
                <p class="nb-status" data-testid="status" aria-live="polite">
                    {move || match (chars(), lang()) {
                        (0, l) => tr(l, "尚未粘贴内容", "Nothing pasted yet").to_string(),
                        (n, crate::i18n::Lang::Zh) => format!("已粘贴 {n} 个字符"),
                        (n, crate::i18n::Lang::En) => format!("{n} characters pasted"),
                    }}
                </p>
            </div>
            <p class="nb-formats">
                {move || tr(lang(),
                    "可接受：粘贴的文字、HTML、PDF、Word（.docx）、Excel（.xlsx）、CSV",
                    "Accepted: pasted text, HTML, PDF, Word (.docx), Excel (.xlsx), CSV")}
            </p>
        </section>
    }
}

/// The app root's drag-and-drop handlers (dragover, dragleave, drop): `dragging` is true while
/// a file is held over the app; the first dropped file is sent to `intake`.
pub fn drag_handlers(
    dragging: RwSignal<bool>,
    intake: Intake,
) -> (
    impl Fn(DragEvent) + 'static,
    impl Fn(DragEvent) + 'static,
    impl Fn(DragEvent) + 'static,
) {
    let over = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(true);
    };
    let leave = move |_: DragEvent| dragging.set(false);
    let drop = move |ev: DragEvent| {
        dragging.set(false);
        on_drop(intake, ev);
    };
    (over, leave, drop)
}

/// Drop handler: the first dropped file is sent to `intake`.
fn on_drop(intake: Intake, ev: DragEvent) {
    ev.prevent_default();
    if let Some(file) = ev
        .data_transfer()
        .and_then(|d| d.files())
        .and_then(|f| f.get(0))
    {
        intake.send(Input::File(file));
    }
}
