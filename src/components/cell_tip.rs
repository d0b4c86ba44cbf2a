//! The findings popover of a table cell: on hover over a marked cell, or while a cell has
//! keyboard focus, a small box next to the cell lists that cell's findings (rule id, severity
//! word and icon, message in the current language, expected against actual). One element for
//! the whole app (`#nb-tip`, `role="tooltip"`), positioned `fixed` next to the cell so that
//! nothing moves and no table box clips it; the cell's input names it in `aria-describedby`.
//! Esc closes it (the cell's key handler and the window listener in `lib.rs`); print hides it.

use leptos::prelude::*;
use nianbao_core::Finding;
use wasm_bindgen::JsCast;

use crate::components::findings::{arithmetic, cell_name, message, sev_class, sev_icon, sev_word};
use crate::ctx::use_ctx;
use crate::i18n::{tr, Lang};

/// The popover's element id (the target of the cells' `aria-describedby`).
pub const TIP_ID: &str = "nb-tip";

/// True when an event's related target (where the pointer went) is inside the popover.
pub fn into_tip(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("#nb-tip").ok().flatten())
        .is_some()
}

/// The popover (mounted once, inside `.nb-app`).
#[component]
pub fn CellTip() -> impl IntoView {
    let ctx = use_ctx();
    let key = Memo::new(move |_| ctx.tip.with(|t| t.as_ref().map(|t| t.key.clone())));
    // Only while open does the popover follow the findings (no cost per edit otherwise).
    let items = move || {
        let lang = ctx.lang.get();
        key.with(|k| {
            let k = k.as_deref()?;
            let list: Vec<(Finding, Lang)> = ctx.findings.with(|fs| {
                fs.iter()
                    .filter(|f| f.cells.iter().any(|c| c == k))
                    .map(|f| (f.clone(), lang))
                    .collect()
            });
            (!list.is_empty()).then(|| (cell_name(k), list))
        })
    };
    let open = move || items().is_some();
    let px = |v: Option<f64>| v.map(|v| format!("{v:.0}px"));
    view! {
        <div
            id=TIP_ID
            class="nb-tip"
            role="tooltip"
            data-testid="cell-tip"
            hidden=move || !open()
            style:left=move || px(ctx.tip.with(|t| t.as_ref().map(|t| t.left)))
            style:top=move || px(ctx.tip.with(|t| t.as_ref().and_then(|t| t.top)))
            style:bottom=move || px(ctx.tip.with(|t| t.as_ref().and_then(|t| t.bottom)))
            on:mouseleave=move |ev: web_sys::MouseEvent| {
                // Back onto the cell: keep it; anywhere else: close (unless focus holds it).
                let to_cell = ev
                    .related_target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|e| e.closest("td.nb-cell").ok().flatten())
                    .is_some();
                if !to_cell {
                    let k = key.get_untracked();
                    ctx.hide_tip(k.as_deref(), false);
                }
            }
        >
            {move || items().map(|(name, list)| {
                let lang = ctx.lang.get_untracked();
                view! {
                    <p class="nb-tip-cell">{name}</p>
                    <ul class="nb-tip-list">
                        {list.into_iter().map(|(f, lang)| tip_item(&f, lang)).collect_view()}
                    </ul>
                    <p class="nb-tip-hint">{tr(lang, "按 Esc 关闭", "Esc to close")}</p>
                }
            })}
        </div>
    }
}

fn tip_item(f: &Finding, lang: Lang) -> impl IntoView {
    let message = message(f, lang);
    let arithmetic = arithmetic(f, lang);
    view! {
        <li class=format!("nb-tip-item {}", sev_class(f))>
            <span class="nb-tip-head">
                <span class="nb-tip-sev"><span aria-hidden="true">{sev_icon(f)}" "</span>{sev_word(f, lang)}</span>
                " "
                <span class="nb-tip-rule">{f.rule.clone()}</span>
            </span>
            <span class="nb-tip-msg">{message}</span>
            {arithmetic.map(|a| view! { <span class="nb-tip-arith">{a}</span> })}
        </li>
    }
}
