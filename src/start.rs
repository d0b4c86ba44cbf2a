//! The start page: what the page shows at once, from the small first-load module (binary
//! `nianbao-app`): the header, 新建年报, and the paste box, drop zone and file button.
//!
//! Everything a report needs (its view, the rules, charts, downloads) is in the checker module
//! (binary `nianbao-checker`), which this page loads on demand: as soon as the user is about
//! to give an input (the paste box gets focus, the pointer reaches a button), and at the latest
//! when the input arrives. The checker then takes over the element: the start page unmounts
//! and the checker mounts there with the input (and the saved draft, which it restores).
//! When a draft was saved, the checker is loaded at once so the draft comes back.
//!
//! The checker's URL is in `<meta name="nianbao-checker">` (written by the build:
//! scripts/trunk-worker-meta.sh), like the worker's.

use std::any::Any;
use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlElement;

use crate::components::input::{drag_handlers, Header, NewReportForm, PasteBox};
use crate::i18n::{tr, Lang};
use crate::intake::{Input, Intake};

/// The `<meta name=…>` whose `content` is the checker module's URL (relative to the page).
pub const CHECKER_META: &str = "nianbao-checker";

#[wasm_bindgen(inline_js = r#"
let checker;
// Imports the checker module once and runs its initialiser; a failed load is tried again on
// the next call. The URL is relative to the page (import() alone would resolve it against
// this snippet's own URL).
export function nb_load_checker(url) {
  if (!checker) {
    checker = import(new URL(url, document.baseURI).href).then(async (m) => { await m.default(); return m; });
    checker.catch(() => { checker = undefined; });
  }
  return checker;
}
"#)]
extern "C" {
    fn nb_load_checker(url: &str) -> js_sys::Promise;
}

thread_local! {
    /// The element the start page is mounted in, and its unmount handle.
    static MOUNTED: RefCell<Option<(HtmlElement, Box<dyn Any>)>> = const { RefCell::new(None) };
}

/// Mounts the start page as the last child of `parent`.
pub fn mount(parent: HtmlElement) {
    console_error_panic_hook::set_once();
    let handle = leptos::mount::mount_to(parent.clone(), StartPage);
    MOUNTED.with(|m| *m.borrow_mut() = Some((parent, Box::new(handle))));
}

/// The checker module (its exports), loaded on the first call. Errors are bilingual messages.
pub async fn checker() -> Result<JsValue, String> {
    let url = crate::page_meta(CHECKER_META).ok_or_else(|| {
        "本页面缺少检查程序的地址 / this page does not say where its checker module is".to_string()
    })?;
    JsFuture::from(nb_load_checker(&url)).await.map_err(|e| {
        let why = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_default();
        format!("检查程序未能载入，请刷新页面重试 / the checker could not be loaded: {why}")
    })
}

/// The checker's exports as a promise (for JavaScript: tests and embedding pages).
pub fn checker_promise() -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(async {
        checker().await.map_err(|e| JsValue::from_str(&e))
    })
}

/// Calls one of the checker's exported functions.
fn call(module: &JsValue, name: &str, args: &[JsValue]) -> Result<(), String> {
    let f = js_sys::Reflect::get(module, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| format!("检查程序缺少 {name} / the checker lacks {name}"))?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(&JsValue::UNDEFINED, &args)
        .map(|_| ())
        .map_err(|_| format!("检查程序启动失败 / the checker failed to start ({name})"))
}

/// Starts loading the checker (and, once loaded, the reader worker) ahead of an input. Only
/// the first call does anything.
fn warm() {
    thread_local! {
        static WARMED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if WARMED.with(|w| w.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async {
        if let Ok(module) = checker().await {
            let _ = call(&module, "nb_warm", &[]);
        }
    });
}

/// Loads the checker, mounts it in the start page's element with `input` (None: restore the
/// saved draft), then unmounts the start page. If the checker cannot be loaded or started, the
/// start page stays and says why. Inputs that arrive while the checker loads are ignored (the busy
/// overlay covers the page meanwhile).
fn hand_over(
    lang: RwSignal<Lang>,
    loading: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    input: Option<Input>,
) {
    if loading.get_untracked() {
        return;
    }
    loading.set(true);
    error.set(None);
    leptos::task::spawn_local(async move {
        let module = match checker().await {
            Ok(module) => module,
            Err(message) => {
                loading.set(false);
                error.set(Some(message));
                return;
            }
        };
        let code = lang.get_untracked().code();
        let input = input.map(|i| i.to_js()).unwrap_or(JsValue::NULL);
        let Some(parent) = MOUNTED.with(|m| m.borrow().as_ref().map(|(p, _)| p.clone())) else {
            return;
        };
        // The checker mounts after the start page, then the start page goes (its owner and
        // signals are disposed with it): both happen before the next paint. If the checker
        // fails to start, the start page stays and says so.
        let args = [parent.into(), JsValue::from_str(code), input];
        match call(&module, "nb_start", &args) {
            Ok(()) => drop(MOUNTED.with(|m| m.borrow_mut().take())),
            Err(message) => {
                loading.set(false);
                error.set(Some(message));
            }
        }
    });
}

/// True when a draft was saved by the checker (it restores it when it starts).
fn has_draft() -> bool {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(crate::state::DRAFT_KEY).ok().flatten())
        .is_some()
}

#[component]
fn StartPage() -> impl IntoView {
    let lang = RwSignal::new(Lang::Zh);
    let new_open = RwSignal::new(false);
    let dragging = RwSignal::new(false);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // A saved draft: the checker is loaded at once to restore it, and the page says so instead
    // of showing the paste box for a moment.
    let restoring = RwSignal::new(has_draft());
    let intake = Intake::new(
        lang,
        move |input| {
            restoring.set(false);
            hand_over(lang, loading, error, Some(input));
        },
        |()| warm(),
    );
    provide_context(intake);
    if restoring.get_untracked() {
        hand_over(lang, loading, error, None);
    }
    let restoring = move || restoring.get() && error.with(Option::is_none);
    let (drag_over, drag_leave, drop_file) = drag_handlers(dragging, intake);
    view! {
        <div
            class="nb-app"
            class:is-dragging=move || dragging.get()
            lang=move || lang.get().code()
            data-testid="app"
            data-module="start"
            aria-busy=move || loading.get().to_string()
            on:dragover=drag_over
            on:dragleave=drag_leave
            on:drop=drop_file
        >
            <Header new_open />
            <Show when=move || new_open.get()>
                <NewReportForm open=new_open />
            </Show>
            <main class="nb-main">
                {move || error.get().map(|message| view! {
                    <p class="nb-start-error" role="alert" data-testid="start-error">{message}</p>
                })}
                <Show
                    when=restoring
                    fallback=|| view! { <PasteBox /> }
                >
                    <p class="nb-restoring" role="status" data-testid="restoring">
                        {move || tr(lang.get(), "正在恢复上次的草稿…", "Restoring your draft…")}
                    </p>
                </Show>
            </main>
            <Show when=move || loading.get() && !restoring()>
                <div class="nb-busy" role="status" data-testid="busy">
                    {move || tr(lang.get(), "正在载入检查程序…", "Loading the checker…")}
                </div>
            </Show>
        </div>
    }
}
