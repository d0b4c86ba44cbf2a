//! nianbao web app: the Leptos (CSR) shell around `nianbao_core`.
//!
//! The app owns no domain logic: it reads input, calls the core and shows the result.
//! It mounts into any element ([`mount`]), so the same build can run as the standalone page
//! or as a widget inside an agency's own page. All styles live under the `.nb-app` root class.

pub mod components;
pub mod worker_client;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Id of the element the standalone page (index.html) mounts into.
pub const MOUNT_ID: &str = "nianbao";

/// The app's Chinese title, shown in the header.
pub const TITLE_ZH: &str = "政府信息公开年报校验";

/// Mounts the app as the last child of `parent` and keeps it alive for the page's lifetime.
pub fn mount(parent: HtmlElement) {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to(parent, App).forget();
}

/// Mounts the app into the element with id `id`, or into `<body>` when there is none.
/// Returns false when neither exists (nothing is mounted).
pub fn mount_to_id(id: &str) -> bool {
    let document = document();
    let parent = document
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<HtmlElement>().ok())
        .or_else(|| document.body());
    match parent {
        Some(parent) => {
            mount(parent);
            true
        }
        None => false,
    }
}

/// The whole app: header, then the empty state until a report is loaded.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <div class="nb-app" data-testid="app">
            <Header />
            <main class="nb-main">
                <PasteBox />
            </main>
        </div>
    }
}

/// Slim header: product name, Chinese title, privacy promise.
#[component]
fn Header() -> impl IntoView {
    view! {
        <header class="nb-header">
            <h1 class="nb-title">
                <span class="nb-brand">"nianbao"</span>
                <span class="nb-dot" aria-hidden="true">" · "</span>
                <span data-testid="title">{TITLE_ZH}</span>
            </h1>
            <p class="nb-privacy" data-testid="privacy">
                <LockIcon />
                <span>"数据只在本机处理"</span>
                <span class="nb-en" lang="en">"Your data stays on this device"</span>
            </p>
        </header>
    }
}

/// Empty state: one large paste box with its label and the accepted formats.
#[component]
fn PasteBox() -> impl IntoView {
    let (text, set_text) = signal(String::new());
    let chars = move || text.with(|t| t.chars().count());
    view! {
        <section class="nb-empty">
            <label id="nb-paste-label" class="nb-paste-label" for="nb-paste">
                "在此粘贴年报全文：网页、PDF、Word 里复制的文字或表格都可以；也可以把文件拖进来"
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
            ></textarea>
            <p class="nb-formats">
                "可接受：粘贴的文字、HTML、PDF、Word（.docx）、Excel（.xlsx）、CSV"
            </p>
            <p class="nb-status" data-testid="status" aria-live="polite">
                {move || match chars() {
                    0 => "尚未粘贴内容".to_string(),
                    n => format!("已粘贴 {n} 个字符"),
                }}
            </p>
        </section>
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
