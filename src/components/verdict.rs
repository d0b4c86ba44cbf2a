//! The one answer first: the verdict banner over the report, and the left column's summary
//! (template, year, agency, 上年年报, contents, undo/redo, downloads, clear).

use leptos::prelude::*;

use crate::components::downloads::DownloadMenu;
use crate::components::previous::PreviousReport;
use nianbao_core::template::SECTION_HEADINGS;

use crate::ctx::use_ctx;
use crate::i18n::{tr, tr_s, Lang};
use crate::state::Verdict;

fn current(ctx: crate::ctx::AppCtx) -> Option<Verdict> {
    ctx.verdict.get()
}

fn words(v: &Verdict, lang: Lang) -> (&'static str, &'static str, String) {
    match v {
        Verdict::Pass => (
            "is-pass",
            "✓",
            tr(lang, "勾稽关系全部通过", "All consistency checks pass").to_string(),
        ),
        Verdict::Errors { errors, warnings } => (
            "is-error",
            "✕",
            tr_s(
                lang,
                format!("{errors} 处错误，{warnings} 处提醒"),
                format!("{errors} errors, {warnings} warnings"),
            ),
        ),
        Verdict::WarningsOnly { warnings } => (
            "is-warning",
            "⚠",
            tr_s(
                lang,
                format!("未发现计算错误，{warnings} 处提醒"),
                format!("No calculation errors, {warnings} warnings"),
            ),
        ),
        Verdict::Unreadable {
            message,
            message_en,
        } => (
            "is-unreadable",
            "ⓘ",
            tr_s(
                lang,
                format!("无法识别为年报：{message}"),
                format!("Not recognised as an annual report: {message_en}"),
            ),
        ),
    }
}

/// Template, year and agency as one line (`2021 版格式 · 2024 年 · 淮安市人民政府`).
fn meta_line(ctx: crate::ctx::AppCtx, lang: Lang) -> String {
    ctx.doc.with(|d| {
        let Some(r) = d.as_ref().map(|d| &d.report) else {
            return String::new();
        };
        let mut parts = Vec::new();
        if let Some(t) = r.template {
            parts.push(tr_s(lang, format!("{t} 版格式"), format!("{t} template")));
        }
        if let Some(y) = r.year {
            parts.push(tr_s(lang, format!("{y} 年"), format!("year {y}")));
        }
        if let Some(a) = &r.agency {
            parts.push(a.clone());
        }
        parts.join(" · ")
    })
}

/// The banner at the top of the report column.
#[component]
pub fn VerdictBanner() -> impl IntoView {
    let ctx = use_ctx();
    // A memo: an edit changes the document but (almost never) this line.
    let meta = Memo::new(move |_| meta_line(ctx, ctx.lang.get()));
    move || {
        let lang = ctx.lang.get();
        current(ctx).map(|v| {
            let (class, icon, text) = words(&v, lang);
            let first = matches!(v, Verdict::Errors { .. }).then(|| {
                view! {
                    <button type="button" class="nb-linkbtn" on:click=move |_| {
                        let first = ctx.findings.with_untracked(|f| {
                            f.iter()
                                .find(|f| f.severity == nianbao_core::Severity::Error && !f.cells.is_empty())
                                .map(|f| (f.cells.clone(), f.suspects.first().and_then(|s| s.first()).map(|s| s.cell.clone())))
                        });
                        if let Some((cells, first)) = first {
                            ctx.focus_cells(cells, first);
                        }
                    }>{tr(lang, "查看第一处", "Show the first")}</button>
                }
            });
            view! {
                <div class=format!("nb-verdict {class}") role="status" data-testid="verdict">
                    <span class="nb-verdict-icon" aria-hidden="true">{icon}</span>
                    <span class="nb-verdict-text" data-testid="verdict-text">{text}</span>
                    {first}
                    <span class="nb-verdict-meta">{move || meta.get()}</span>
                </div>
            }
        })
    }
}

/// The left column: summary, contents, history and clearing.
#[component]
pub fn Summary() -> impl IntoView {
    let ctx = use_ctx();
    let confirming = RwSignal::new(false);
    let lang = move || ctx.lang.get();
    let meta = Memo::new(move |_| meta_line(ctx, ctx.lang.get()));
    let counts = move || {
        let lang = lang();
        current(ctx).map(|v| {
            let (class, icon, text) = words(&v, lang);
            view! { <p class=format!("nb-summary-verdict {class}")><span aria-hidden="true">{icon}" "</span>{text}</p> }
        })
    };
    let toc = SECTION_HEADINGS
        .iter()
        .enumerate()
        .map(|(i, h)| view! { <li><a href=format!("#nb-sec-{}", i + 1)>{*h}</a></li> })
        .collect_view();
    let can_undo = Memo::new(move |_| ctx.doc.with(|d| d.as_ref().is_some_and(|d| d.can_undo())));
    let can_redo = Memo::new(move |_| ctx.doc.with(|d| d.as_ref().is_some_and(|d| d.can_redo())));
    view! {
        <nav class="nb-summary" aria-labelledby="nb-summary-h">
            <h2 id="nb-summary-h" class="nb-panel-title">{move || tr(lang(), "概要", "Summary")}</h2>
            {counts}
            <p class="nb-meta">{move || meta.get()}</p>
            <PreviousReport />
            <h3 class="nb-panel-sub">{move || tr(lang(), "目录", "Contents")}</h3>
            <ol class="nb-toc">{toc}</ol>
            <div class="nb-history">
                <button type="button" class="nb-btn" data-testid="undo" disabled=move || !can_undo.get() on:click=move |_| ctx.undo()>
                    {move || tr(lang(), "撤销", "Undo")}
                </button>
                <button type="button" class="nb-btn" data-testid="redo" disabled=move || !can_redo.get() on:click=move |_| ctx.redo()>
                    {move || tr(lang(), "重做", "Redo")}
                </button>
            </div>
            <DownloadMenu
                report=ctx.report()
                findings=Signal::derive(move || ctx.findings.get())
                previous=ctx.previous()
            />
            <div class="nb-clear">
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" class="nb-btn nb-btn-quiet" data-testid="clear" on:click=move |_| confirming.set(true)>
                            {move || tr(lang(), "清空", "Clear")}
                        </button>
                    }
                >
                    <div class="nb-confirm" role="group" aria-label=move || tr(lang(), "确认清空", "Confirm clearing")>
                        <p>{move || tr(lang(), "清空后本机保存的草稿也会删除。", "This also deletes the draft saved on this device.")}</p>
                        <button type="button" class="nb-btn nb-btn-danger" data-testid="clear-confirm" on:click=move |_| { confirming.set(false); ctx.clear(); }>
                            {move || tr(lang(), "确认清空", "Clear")}
                        </button>
                        <button type="button" class="nb-btn" on:click=move |_| confirming.set(false)>
                            {move || tr(lang(), "取消", "Cancel")}
                        </button>
                    </div>
                </Show>
            </div>
        </nav>
    }
}
