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
    // Keyed lists: when the findings change, only the findings that appeared or went away
    // are (re)drawn; the rest of the panel stays as it is.
    let groups = Memo::new(move |_| {
        let lang = ctx.lang.get();
        ctx.findings.with(|all| keyed_groups(all, lang))
    });
    let empty = move || ctx.findings.with(Vec::is_empty);
    let list = move || {
        view! {
            <Show
                when=move || !empty()
                fallback=move || view! {
                    <p class="nb-none" data-testid="no-findings">
                        "✓ "{tr(ctx.lang.get(), "没有发现问题", "No problems found")}
                    </p>
                }
            >
                <ol class="nb-groups" data-testid="findings">
                    <For
                        each=move || groups.with(|g| g.iter().map(|(k, r, _)| (k.clone(), r.clone())).collect::<Vec<_>>())
                        key=|(k, _)| k.clone()
                        children=move |(gk, rule)| {
                            let items = move || {
                                groups.with(|g| {
                                    g.iter()
                                        .find(|(k, _, _)| *k == gk)
                                        .map(|(_, _, fs)| fs.clone())
                                        .unwrap_or_default()
                                })
                            };
                            view! {
                                <li class="nb-group-item" data-rule=rule>
                                    <ul class="nb-findings-list">
                                        <For
                                            each=items
                                            key=|(k, _)| k.clone()
                                            children=move |(_, f)| finding_item(f, ctx.lang.get_untracked())
                                        />
                                    </ul>
                                </li>
                            }
                        }
                    />
                </ol>
            </Show>
        }
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

/// A finding's identity on screen: everything it shows (and the language), so that a keyed list
/// redraws a finding exactly when what it shows changes. Repeats get `#2`, `#3` …
fn finding_key(
    f: &Finding,
    lang: Lang,
    seen: &mut std::collections::HashMap<String, u32>,
) -> String {
    let show = |v: &Option<CellValue>| v.as_ref().map(CellValue::display).unwrap_or_default();
    let suspects = f
        .suspects
        .iter()
        .map(|set| {
            set.iter()
                .map(|s| format!("{}={}", s.cell, s.should_be.display()))
                .collect::<Vec<_>>()
                .join(";")
        })
        .collect::<Vec<_>>()
        .join("|");
    let base = format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
        lang.code(),
        f.rule,
        sev_class(f),
        f.message,
        f.cells.join(","),
        show(&f.expected),
        show(&f.actual),
        suspects,
        f.text.as_deref().unwrap_or_default(),
        f.source.as_ref().map(source_place).unwrap_or_default(),
    );
    let n = seen.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        base
    } else {
        format!("{base}#{n}")
    }
}

fn source_place(s: &nianbao_core::Source) -> String {
    format!(
        "{:?}/{:?}/{:?}/{:?}/{:?}",
        s.line, s.page, s.sheet, s.cell, s.table
    )
}

/// The findings grouped by rule (see [`group_by_rule`]), each group and finding with its key.
type KeyedGroups = Vec<(String, String, Vec<(String, Finding)>)>;

fn keyed_groups(all: &[Finding], lang: Lang) -> KeyedGroups {
    let mut seen = std::collections::HashMap::new();
    group_by_rule(all)
        .into_iter()
        .map(|(rule, idx)| {
            let fs: Vec<(String, Finding)> = idx
                .into_iter()
                .filter_map(|i| all.get(i))
                .map(|f| (finding_key(f, lang, &mut seen), f.clone()))
                .collect();
            let class = fs.first().map(|(_, f)| sev_class(f)).unwrap_or_default();
            (format!("{rule}\u{1f}{class}"), rule, fs)
        })
        .collect()
}

pub(crate) fn sev_class(f: &Finding) -> &'static str {
    if f.is_not_evaluable() {
        return "is-na";
    }
    match f.severity {
        Severity::Error => "is-error",
        Severity::Warning => "is-warning",
        Severity::Info => "is-na",
    }
}

pub(crate) fn sev_word(f: &Finding, lang: Lang) -> &'static str {
    if f.is_not_evaluable() {
        return tr(lang, "无法判断", "not evaluable");
    }
    match f.severity {
        Severity::Error => tr(lang, "错误", "error"),
        Severity::Warning => tr(lang, "提醒", "warning"),
        Severity::Info => tr(lang, "信息", "info"),
    }
}

pub(crate) fn sev_icon(f: &Finding) -> &'static str {
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
pub(crate) fn cell_name(key: &str) -> String {
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

/// A finding's message in the current language.
pub(crate) fn message(f: &Finding, lang: Lang) -> String {
    match lang {
        Lang::Zh => f.message.clone(),
        Lang::En => f.message_en.clone(),
    }
}

/// "应为 X，实为 Y" when the finding carries both numbers.
pub(crate) fn arithmetic(f: &Finding, lang: Lang) -> Option<String> {
    match (&f.expected, &f.actual) {
        (Some(e), Some(a)) => Some(tr_s(
            lang,
            format!("应为 {}，实为 {}", show(e, lang), show(a, lang)),
            format!("expected {}, found {}", show(e, lang), show(a, lang)),
        )),
        _ => None,
    }
}

fn finding_item(f: Finding, lang: Lang) -> impl IntoView {
    let ctx = use_ctx();
    let class = format!("nb-finding {}", sev_class(&f));
    let chip = format!("{} {} · {}", sev_icon(&f), f.rule, sev_word(&f, lang));
    let message = message(&f, lang);
    let arithmetic = arithmetic(&f, lang);
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

/// The findings as a table after the report, shown only when printing (a keyed list, so an
/// edit redraws only the rows that changed).
#[component]
pub fn PrintAppendix() -> impl IntoView {
    let ctx = use_ctx();
    let rows = Memo::new(move |_| {
        let lang = ctx.lang.get();
        ctx.findings.with(|all| {
            let mut seen = std::collections::HashMap::new();
            all.iter()
                .map(|f| {
                    let message = message(f, lang);
                    let sev = format!("{} {}", sev_icon(f), sev_word(f, lang));
                    (
                        finding_key(f, lang, &mut seen),
                        f.rule.clone(),
                        sev,
                        message,
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="nb-print-only" aria-hidden="true">
            <h3>{move || tr(ctx.lang.get(), "附：检查结果", "Appendix: findings")}</h3>
            <table class="nb-table">
                <tbody>
                    <For
                        each=move || rows.get()
                        key=|(k, ..)| k.clone()
                        children=|(_, rule, sev, message)| view! {
                            <tr>
                                <td>{rule}</td>
                                <td>{sev}</td>
                                <td>{message}</td>
                            </tr>
                        }
                    />
                </tbody>
            </table>
        </section>
    }
}
