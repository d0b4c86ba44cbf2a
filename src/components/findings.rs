//! The findings panel: counts by severity, findings grouped by rule, each with its arithmetic
//! and likely fix; clicking one scrolls to and highlights its cells.

use leptos::prelude::*;
use nianbao_core::{template, CellValue, Finding, Severity};

use crate::ctx::use_ctx;
use crate::i18n::{tr, tr_s, Lang};
use crate::state::{counts, group_by_rule};

/// The right column (a drawer on narrow screens).
#[component]
pub fn FindingsPanel() -> impl IntoView {
    let ctx = use_ctx();
    let list = move || {
        let lang = ctx.lang.get();
        ctx.findings.with(|all| {
            if all.is_empty() {
                return view! {
                    <p class="nb-none" data-testid="no-findings">
                        "✓ "{tr(lang, "没有发现问题", "No problems found")}
                    </p>
                }
                .into_any();
            }
            let groups = group_by_rule(all)
                .into_iter()
                .map(|(rule, idx)| {
                    let items = idx
                        .into_iter()
                        .filter_map(|i| all.get(i).cloned())
                        .map(|f| finding_item(f, lang))
                        .collect_view();
                    view! {
                        <li class="nb-group-item" data-rule=rule.clone()>
                            <ul class="nb-findings-list">{items}</ul>
                        </li>
                    }
                })
                .collect_view();
            view! { <ol class="nb-groups" data-testid="findings">{groups}</ol> }.into_any()
        })
    };
    let summary = move || {
        let lang = ctx.lang.get();
        let c = ctx.findings.with(|f| counts(f));
        view! {
            <p class="nb-counts">
                <span class="nb-count is-error">"✕ "{tr_s(lang, format!("{} 处错误", c.errors), format!("{} errors", c.errors))}</span>
                <span class="nb-count is-warning">"⚠ "{tr_s(lang, format!("{} 处提醒", c.warnings), format!("{} warnings", c.warnings))}</span>
                <span class="nb-count is-na">"ⓘ "{tr_s(lang, format!("{} 项无法判断或说明", c.infos), format!("{} not evaluable / notes", c.infos))}</span>
            </p>
        }
    };
    view! {
        <section class="nb-findings" aria-labelledby="nb-findings-h">
            <h2 id="nb-findings-h" class="nb-panel-title">
                {move || tr(ctx.lang.get(), "发现的问题", "Findings")}
                " ("{move || ctx.findings.with(Vec::len)}")"
            </h2>
            {summary}
            {list}
        </section>
    }
}

fn sev_class(f: &Finding) -> &'static str {
    if f.is_not_evaluable() {
        return "is-na";
    }
    match f.severity {
        Severity::Error => "is-error",
        Severity::Warning => "is-warning",
        Severity::Info => "is-na",
    }
}

fn sev_word(f: &Finding, lang: Lang) -> &'static str {
    if f.is_not_evaluable() {
        return tr(lang, "无法判断", "not evaluable");
    }
    match f.severity {
        Severity::Error => tr(lang, "错误", "error"),
        Severity::Warning => tr(lang, "提醒", "warning"),
        Severity::Info => tr(lang, "信息", "info"),
    }
}

fn sev_icon(f: &Finding) -> &'static str {
    if f.is_not_evaluable() {
        return "ⓘ";
    }
    match f.severity {
        Severity::Error => "✕",
        Severity::Warning => "⚠",
        Severity::Info => "ⓘ",
    }
}

/// A cell's short name for messages (its key when not in a template).
fn cell_name(key: &str) -> String {
    template::find_cell(key)
        .map(|c| c.name())
        .unwrap_or_else(|| key.to_string())
}

fn show(v: &CellValue, lang: Lang) -> String {
    match v {
        CellValue::Blank => tr(lang, "空白", "blank").to_string(),
        v => v.display(),
    }
}

fn finding_item(f: Finding, lang: Lang) -> impl IntoView {
    let ctx = use_ctx();
    let class = format!("nb-finding {}", sev_class(&f));
    let chip = format!("{} {} · {}", sev_icon(&f), f.rule, sev_word(&f, lang));
    let message = match lang {
        Lang::Zh => f.message.clone(),
        Lang::En => f.message_en.clone(),
    };
    let arithmetic = match (&f.expected, &f.actual) {
        (Some(e), Some(a)) => Some(tr_s(
            lang,
            format!("应为 {}，实为 {}", show(e, lang), show(a, lang)),
            format!("expected {}, found {}", show(e, lang), show(a, lang)),
        )),
        _ => None,
    };
    // The located fix (`cell=value;…`), when the rules found exactly one.
    let fix = match f.suspects.as_slice() {
        [one] => Some(
            one.iter()
                .map(|s| format!("{}={}", s.cell, s.should_be.display()))
                .collect::<Vec<_>>()
                .join(";"),
        ),
        _ => None,
    };
    // Rule messages may already name the likely mistake; don't say it twice.
    let says_suspect = f.message.contains("有误");
    let suspects = match f.suspects.as_slice() {
        _ if says_suspect => None,
        [] => None,
        [one] => Some(tr_s(
            lang,
            format!(
                "最可能有误：{}",
                one.iter()
                    .map(|s| format!("{}，应为 {}", cell_name(&s.cell), show(&s.should_be, lang)))
                    .collect::<Vec<_>>()
                    .join("；")
            ),
            format!(
                "Most likely wrong: {}",
                one.iter()
                    .map(|s| format!("{} should be {}", s.cell, show(&s.should_be, lang)))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        )),
        many => Some(tr_s(
            lang,
            format!(
                "可能有误（其一）：{}",
                many.iter()
                    .map(|set| set
                        .iter()
                        .map(|s| cell_name(&s.cell))
                        .collect::<Vec<_>>()
                        .join("+"))
                    .collect::<Vec<_>>()
                    .join(" 或 ")
            ),
            format!(
                "Possibly wrong (one of): {}",
                many.iter()
                    .map(|set| set
                        .iter()
                        .map(|s| s.cell.clone())
                        .collect::<Vec<_>>()
                        .join("+"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        )),
    };
    let quote = f.text.clone().map(|t| {
        let line = f.source.as_ref().and_then(|s| s.line);
        let place = f.source.as_ref().map(|s| {
            let mut p = Vec::new();
            if let Some(l) = s.line {
                p.push(tr_s(lang, format!("第 {l} 行"), format!("line {l}")));
            }
            if let Some(pg) = s.page {
                p.push(tr_s(lang, format!("第 {pg} 页"), format!("page {pg}")));
            }
            if let (Some(sh), Some(c)) = (&s.sheet, &s.cell) {
                p.push(format!("{sh}!{c}"));
            }
            if let Some(t) = s.table {
                p.push(tr_s(lang, format!("表 {}", t + 1), format!("table {}", t + 1)));
            }
            p.join(" · ")
        });
        let _ = line;
        view! {
            <blockquote class="nb-quote">
                <span class="nb-quote-text">{t}</span>
                {place.filter(|p| !p.is_empty()).map(|p| view! { <span class="nb-quote-place">{p}</span> })}
            </blockquote>
        }
    });
    let cells = f.cells.clone();
    let first = f
        .suspects
        .first()
        .and_then(|s| s.first())
        .map(|s| s.cell.clone());
    let locatable = !cells.is_empty();
    let rule_href = format!("#rule-{}", f.rule);
    view! {
        <li
            class=class
            data-testid="finding"
            data-rule=f.rule.clone()
            data-fix=fix
        >
            <div class="nb-finding-head">
                <a class="nb-chip" href=rule_href>{chip}</a>
            </div>
            <p class="nb-message">{message}</p>
            {arithmetic.map(|a| view! { <p class="nb-arith">{a}</p> })}
            {suspects.map(|s| view! { <p class="nb-suspect">{s}</p> })}
            {quote}
            {locatable.then(|| {
                let cells = cells.clone();
                let first = first.clone();
                view! {
                    <button
                        type="button"
                        class="nb-locate"
                        on:click=move |_| ctx.focus_cells(cells.clone(), first.clone())
                    >
                        {tr(lang, "定位", "Show in table")}
                    </button>
                }
            })}
        </li>
    }
}

/// The findings as a table after the report, shown only when printing.
#[component]
pub fn PrintAppendix() -> impl IntoView {
    let ctx = use_ctx();
    move || {
        let lang = ctx.lang.get();
        let rows = ctx.findings.with(|all| {
            all.iter()
                .map(|f| {
                    let message = match lang {
                        Lang::Zh => f.message.clone(),
                        Lang::En => f.message_en.clone(),
                    };
                    view! {
                        <tr>
                            <td>{f.rule.clone()}</td>
                            <td>{format!("{} {}", sev_icon(f), sev_word(f, lang))}</td>
                            <td>{message}</td>
                        </tr>
                    }
                })
                .collect_view()
        });
        view! {
            <section class="nb-print-only" aria-hidden="true">
                <h3>{tr(lang, "附：检查结果", "Appendix: findings")}</h3>
                <table class="nb-table">
                    <tbody>{rows}</tbody>
                </table>
            </section>
        }
    }
}
