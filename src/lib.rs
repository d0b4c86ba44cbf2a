//! nianbao web app: the Leptos (CSR) shell around `nianbao_core`.
//!
//! The app owns no domain logic: it reads input, calls the core and shows the result.
//! It is two wasm modules built from this library:
//! - the start page ([`start`], binary `nianbao-app`), loaded with the page: header, paste box,
//!   open file, 示例, 新建年报 — small, so the page is usable at once;
//! - the checker ([`App`], binary `nianbao-checker`), loaded on the first input (with the
//!   importers' Web Worker): the report, its checks, charts and downloads. The start page
//!   hands it the input and its element.
//!
//! Both mount into any element, so the same build can run as the standalone page or as a
//! widget inside an agency's own page. All styles live under the `.nb-app` root class.

pub mod components;
pub mod ctx;
pub mod i18n;
pub mod intake;
pub mod start;
pub mod state;
pub mod worker_client;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use components::charts::Charts;
use components::findings::{FindingsPanel, PrintAppendix};
use components::input::{drag_handlers, Header, NewReportForm, PasteBox};
use components::report_view::ReportView;
use components::rules_ref::RulesRef;
use components::verdict::{Summary, VerdictBanner};
use ctx::AppCtx;
use i18n::{tr, Lang};
use intake::{Input, Intake};
use state::Doc;

/// Id of the element the standalone page (index.html) mounts into.
pub const MOUNT_ID: &str = "nianbao";

/// Mounts the checker as the last child of `parent` and keeps it alive for the page's
/// lifetime; `lang` is the interface language to start in, `input` what to read first (the
/// saved draft, if any, is restored either way).
pub fn mount(parent: HtmlElement, lang: Lang, input: Option<Input>) {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to(parent, move || view! { <App lang first=input /> }).forget();
}

/// The `content` of the page's `<meta name="{name}">`, trimmed; `None` when missing or empty.
/// The build writes the on-demand modules' URLs there (scripts/trunk-worker-meta.sh).
pub fn page_meta(name: &str) -> Option<String> {
    let meta = document().query_selector(&format!("meta[name=\"{name}\"]"));
    let content = meta.ok().flatten()?.get_attribute("content")?;
    let content = content.trim();
    (!content.is_empty()).then(|| content.to_string())
}

/// The element with id `id`, or `<body>` when there is none.
pub fn mount_point(id: &str) -> Option<HtmlElement> {
    let document = document();
    document
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<HtmlElement>().ok())
        .or_else(|| document.body())
}

/// The whole app: header, then either the empty state (paste box) or the three columns
/// (summary, report, findings).
#[component]
pub fn App(
    /// The interface language to start in.
    #[prop(optional)]
    lang: Lang,
    /// What to read first.
    #[prop(default = None)]
    first: Option<Input>,
) -> impl IntoView {
    let ctx = AppCtx::create();
    ctx.lang.set(lang);
    provide_context(ctx);
    let intake = Intake::new(
        ctx.lang,
        move |input| ctx::take(ctx, input),
        |()| worker_client::warm_up(),
    );
    provide_context(intake);
    if let Some(input) = first {
        ctx::take(ctx, input);
    }
    let new_open = RwSignal::new(false);
    let dragging = RwSignal::new(false);
    let loaded = move || ctx.doc.with(Option::is_some);
    // Undo/redo over edits, from anywhere in the app (not in the paste box).
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            // Closes a findings popover opened by hover (focus stays where it is).
            ctx.hide_tip(None, true);
            return;
        }
        if !(ev.ctrl_key() || ev.meta_key()) || ctx.doc.with_untracked(Option::is_none) {
            return;
        }
        let in_paste = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| e.id() == "nb-paste");
        if in_paste {
            return;
        }
        match ev.key().to_lowercase().as_str() {
            "z" if ev.shift_key() => ctx.redo(),
            "z" => ctx.undo(),
            "y" => ctx.redo(),
            _ => return,
        }
        ev.prevent_default();
    });
    // An open findings popover follows its cell when anything scrolls.
    let scrolls = window_event_listener(leptos::ev::scroll, move |_| ctx.follow_tip());
    let resizes = window_event_listener(leptos::ev::resize, move |_| ctx.follow_tip());
    on_cleanup(move || {
        keys.remove();
        scrolls.remove();
        resizes.remove();
    });
    let lang = move || ctx.lang.get();
    let issues = move || ctx.findings.with(|f| state::counts(f));
    let (drag_over, drag_leave, drop_file) = drag_handlers(dragging, intake);
    view! {
        <div
            class="nb-app"
            class:is-dragging=move || dragging.get()
            class:is-drawer-open=move || ctx.drawer_open.get()
            lang=move || lang().code()
            data-testid="app"
            data-recheck-ms=move || ctx.recheck_ms.get().map(|ms| format!("{ms:.1}"))
            aria-busy=move || ctx.busy.get().to_string()
            on:dragover=drag_over
            on:dragleave=drag_leave
            on:drop=drop_file
        >
            <Header new_open />
            <Show when=move || new_open.get()>
                <NewReportForm open=new_open />
            </Show>
            <Show when=loaded fallback=|| view! { <main class="nb-main"><PasteBox /></main> }>
                <div class="nb-layout">
                    <aside class="nb-left" aria-label=move || tr(lang(), "概要与目录", "Summary and contents")>
                        <Summary />
                    </aside>
                    <main class="nb-center">
                        <VerdictBanner />
                        <Show when=move || ctx.doc.with(|d| d.as_ref().is_some_and(Doc::unreadable))>
                            <PasteBox />
                        </Show>
                        <ReportView />
                        <PrintAppendix />
                        <Charts report=ctx.report() previous=ctx.previous() />
                        <RulesRef selected=Signal::derive(|| None::<String>) />
                    </main>
                    <aside class="nb-right" id="nb-findings-panel" aria-label=move || tr(lang(), "发现的问题", "Findings")>
                        <FindingsPanel />
                    </aside>
                    <div class="nb-bottombar">
                        <button
                            type="button"
                            class="nb-btn nb-btn-primary"
                            data-testid="drawer-toggle"
                            aria-controls="nb-findings-panel"
                            aria-expanded=move || ctx.drawer_open.get().to_string()
                            on:click=move |_| ctx.drawer_open.update(|o| *o = !*o)
                        >
                            {move || {
                                let c = issues();
                                let n = c.errors + c.warnings;
                                match lang() {
                                    Lang::Zh if ctx.drawer_open.get() => "关闭问题列表".to_string(),
                                    Lang::En if ctx.drawer_open.get() => "Close findings".to_string(),
                                    Lang::Zh => format!("{n} 处问题"),
                                    Lang::En => format!("{n} problems"),
                                }
                            }}
                        </button>
                    </div>
                </div>
            </Show>
            <components::cell_tip::CellTip />
            <Show when=move || ctx.busy.get()>
                <div class="nb-busy" role="status" data-testid="busy">
                    {move || tr(lang(), "正在读取…", "Reading…")}
                </div>
            </Show>
        </div>
    }
}
