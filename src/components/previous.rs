//! 上年年报: the same agency's report of the year before, for the cross-year rules (Y-01…)
//! and the year-over-year chart. Opened from a file (any format) or pasted, and read by the
//! worker like the report itself; shown with its year and agency and a 移除 button, with a
//! warning when it does not look like the year before (it is used all the same).

use leptos::prelude::*;
use nianbao_core::Imported;
use wasm_bindgen::JsCast;
use web_sys::ClipboardEvent;

use crate::ctx::{import_then, use_ctx};
use crate::i18n::{tr, tr_s, Lang};
use crate::intake::Input;
use crate::state::{previous_from, previous_mismatches, PreviousMismatch};

/// Id of the file input, focused again after 移除.
const FILE_ID: &str = "nb-prev-file";

/// The 上年年报 block of the summary column.
#[component]
pub fn PreviousReport() -> impl IntoView {
    let ctx = use_ctx();
    let lang = move || ctx.lang.get();
    let error = RwSignal::new(None::<(String, String)>);
    let pasting = RwSignal::new(false);
    let text = RwSignal::new(String::new());

    let accept = move |imported: Imported| match previous_from(imported) {
        Ok(report) => {
            error.set(None);
            pasting.set(false);
            text.set(String::new());
            ctx.set_previous(Some(report));
        }
        Err(e) => error.set(Some(e)),
    };
    let read = move |input: Input| {
        error.set(None);
        import_then(ctx, input, accept);
    };
    let on_file = move |ev: leptos::ev::Event| {
        if let Some(file) = crate::components::input::chosen_file(&ev) {
            read(Input::File(file));
        }
    };
    let on_paste = move |ev: ClipboardEvent| {
        if let Some((text, name)) = crate::components::input::pasted(&ev) {
            ev.prevent_default();
            read(Input::Text { text, name });
        }
    };
    let remove = move |_| {
        error.set(None);
        ctx.set_previous(None);
        focus_later(FILE_ID);
    };

    // Year, agency and template of the loaded report (None: nothing loaded). Memos: an edit
    // of the report changes `doc` but rebuilds this block only when these change.
    let loaded = Memo::new(move |_| {
        ctx.doc.with(|d| {
            d.as_ref().and_then(|d| d.previous.as_ref()).map(|p| {
                let lang = lang();
                let mut parts = vec![match p.year {
                    Some(y) => tr_s(lang, format!("{y} 年"), format!("year {y}")),
                    None => tr(lang, "年度不详", "year unknown").to_string(),
                }];
                parts.extend(p.agency.clone());
                if let Some(t) = p.template {
                    parts.push(tr_s(lang, format!("{t} 版格式"), format!("{t} template")));
                }
                parts.join(" · ")
            })
        })
    });
    let mismatches = Memo::new(move |_| {
        ctx.doc.with(|d| {
            d.as_ref()
                .and_then(|d| Some(previous_mismatches(&d.report, d.previous.as_ref()?)))
                .unwrap_or_default()
        })
    });
    let notes = move || {
        let lang = lang();
        mismatches
            .get()
            .into_iter()
            .map(|m| view! { <li class="nb-prev-note">{mismatch_text(&m, lang)}</li> })
            .collect_view()
    };

    view! {
        <section class="nb-prev" aria-labelledby="nb-prev-h" data-testid="previous">
            <h2 id="nb-prev-h" class="nb-prev-title">{move || tr(lang(), "上年年报", "Previous year's report")}</h2>
            {move || match loaded.get() {
                Some(meta) => view! {
                    <div class="nb-prev-loaded">
                        <p class="nb-prev-meta" data-testid="previous-meta">{meta}</p>
                        <button type="button" class="nb-btn" data-testid="previous-remove" on:click=remove>
                            {move || tr(lang(), "移除", "Remove")}
                            <span class="nb-sr">{move || tr(lang(), "上年年报", " the previous year's report")}</span>
                        </button>
                    </div>
                }
                .into_any(),
                None => view! {
                    <p class="nb-prev-hint">
                        {move || tr(lang(),
                            "同一机关上一年度的年报：检查跨年衔接，比较两年数字",
                            "The same agency's report for the year before: checks what carries over and compares the two years")}
                    </p>
                    <div class="nb-prev-actions">
                        <label class="nb-btn nb-file">
                            <input type="file" id=FILE_ID class="nb-file-input" data-testid="previous-file"
                                accept=".txt,.html,.htm,.pdf,.docx,.xlsx,.csv,.json"
                                on:change=on_file />
                            <span>{move || tr(lang(), "打开文件", "Open file")}</span>
                            <span class="nb-sr">{move || tr(lang(), "（上年年报）", " (previous year's report)")}</span>
                        </label>
                        <button type="button" class="nb-btn" data-testid="previous-paste-toggle"
                            aria-expanded=move || pasting.get().to_string()
                            aria-controls="nb-prev-paste"
                            on:click=move |_| pasting.update(|p| *p = !*p)>
                            {move || tr(lang(), "粘贴文字", "Paste text")}
                        </button>
                    </div>
                    <div id="nb-prev-paste" class="nb-prev-paste" hidden=move || !pasting.get()>
                        <label class="nb-prev-label" for="nb-prev-text">
                            {move || tr(lang(), "粘贴上年年报全文", "Paste the whole previous report")}
                        </label>
                        <textarea id="nb-prev-text" class="nb-prev-text" data-testid="previous-paste"
                            rows="5" spellcheck="false"
                            prop:value=text
                            on:input=move |ev| text.set(event_target_value(&ev))
                            on:paste=on_paste
                            on:focus=move |_| crate::worker_client::warm_up()
                        ></textarea>
                        <button type="button" class="nb-btn nb-btn-primary" data-testid="previous-read"
                            disabled=move || text.with(|t| t.trim().is_empty())
                            on:click=move |_| read(Input::Text { text: text.get_untracked(), name: None })>
                            {move || tr(lang(), "读取", "Read")}
                        </button>
                    </div>
                }
                .into_any(),
            }}
            <div class="nb-prev-status" aria-live="polite">
                <ul class="nb-prev-notes" data-testid="previous-notes">{notes}</ul>
                {move || error.get().map(|(zh, en)| {
                    let lang = lang();
                    let en_line = (lang == Lang::Zh).then(|| view! { <span class="nb-prev-en" lang="en">{format!("The previous year's report could not be read: {en}")}</span> });
                    view! {
                        <p class="nb-prev-error" data-testid="previous-error">
                            {tr_s(lang, format!("无法读取上年年报：{zh}"), format!("The previous year's report could not be read: {en}"))}
                            {en_line}
                        </p>
                    }
                })}
            </div>
        </section>
    }
}

/// The warning for one mismatch (the report is used anyway).
fn mismatch_text(m: &PreviousMismatch, lang: Lang) -> String {
    match m {
        PreviousMismatch::Year { current, previous } => {
            let before = current.saturating_sub(1);
            tr_s(
                lang,
                format!("年度不符：上年年报是 {previous} 年度的，本报告是 {current} 年度，上一年度应为 {before} 年。跨年检查仍按这份报告进行。"),
                format!("Year mismatch: the previous report is for {previous} and this report for {current}; the year before is {before}. The cross-year checks still use it."),
            )
        }
        PreviousMismatch::YearUnknown => tr(
            lang,
            "有一份报告未注明年度，无法核对它是否为上一年度的年报。",
            "One of the two reports gives no year, so it cannot be checked that it is the year before.",
        )
        .to_string(),
        PreviousMismatch::Agency { current, previous } => tr_s(
            lang,
            format!("机关不同：本报告为“{current}”，上年年报为“{previous}”。"),
            format!("Different agencies: this report is by “{current}”, the previous one by “{previous}”."),
        ),
    }
}

/// Focuses an element once the view has been updated (after 移除 the button is gone).
fn focus_later(id: &'static str) {
    set_timeout(
        move || {
            if let Some(el) = document()
                .get_element_by_id(id)
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        },
        std::time::Duration::ZERO,
    );
}
