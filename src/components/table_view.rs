//! The tables of sections 2–4, laid out as in the official template (merged header cells,
//! row groups), every value editable in place. Layout comes from `nianbao_core::template`.

use leptos::prelude::*;
use nianbao_core::template::{self, Layout, TableDef};
use nianbao_core::{CellValue, TemplateId};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, KeyboardEvent};

use crate::ctx::{cell_dom_id, use_ctx};
use crate::state::value_is_valid;

/// One table of the template.
#[component]
pub fn TableView(
    /// The template the report follows.
    template: TemplateId,
    /// The table to draw.
    table: &'static TableDef,
) -> impl IntoView {
    match table.layout {
        Layout::Section2 => section2(template, table).into_any(),
        Layout::Section3 => section3(template, table).into_any(),
        Layout::Section4 => section4(template, table).into_any(),
    }
}

fn key(table: &TableDef, row: &str, col: &str) -> String {
    format!("{}.{row}.{col}", table.prefix)
}

fn section2(t: TemplateId, table: &'static TableDef) -> impl IntoView {
    let rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let cells = table
                .columns
                .iter()
                .enumerate()
                .map(|(c, col)| view! { <Cell template=t key=key(table, row.key, col.key) r c /> })
                .collect_view();
            view! { <tr><th scope="row" class="nb-rowlabel">{row.label}</th>{cells}</tr> }
        })
        .collect_view();
    let heads = table
        .columns
        .iter()
        .map(|col| view! { <th scope="col">{col.label}</th> })
        .collect_view();
    view! {
        <div class="nb-tablebox">
            <table class="nb-table nb-s2">
                <caption>{table.caption}</caption>
                <thead>
                    <tr><th scope="col" class="nb-rowlabel">{template::S2_CONTENT_HEADER}</th>{heads}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn section3(t: TemplateId, table: &'static TableDef) -> impl IntoView {
    let cols = table.columns;
    let n_results = table
        .rows
        .iter()
        .filter(|r| r.key.starts_with("r3_"))
        .count();
    let mut seen_results = false;
    let mut seen_group: Option<&str> = None;
    let rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let mut labels = Vec::new();
            if row.key.starts_with("r3_") {
                if !seen_results {
                    seen_results = true;
                    labels.push(view! {
                        <th scope="rowgroup" rowspan=n_results class="nb-group">{template::S3_RESULTS_GROUP}</th>
                    }.into_any());
                }
                match row.group {
                    Some(g) => {
                        if seen_group != Some(g) {
                            seen_group = Some(g);
                            let span = table.rows.iter().filter(|x| x.group == Some(g)).count();
                            labels.push(view! { <th scope="rowgroup" rowspan=span class="nb-group">{g}</th> }.into_any());
                        }
                        labels.push(view! { <th scope="row" class="nb-rowlabel">{row.label}</th> }.into_any());
                    }
                    None => labels.push(
                        view! { <th scope="row" colspan="2" class="nb-rowlabel">{row.label}</th> }.into_any(),
                    ),
                }
            } else {
                labels.push(view! { <th scope="row" colspan="3" class="nb-rowlabel">{row.label}</th> }.into_any());
            }
            let cells = cols
                .iter()
                .enumerate()
                .map(|(c, col)| view! { <Cell template=t key=key(table, row.key, col.key) r c /> })
                .collect_view();
            let total = row.key == "r3_7";
            view! { <tr class:nb-total=total>{labels}{cells}</tr> }
        })
        .collect_view();
    let first = cols.first().map(|c| c.label).unwrap_or_default();
    let last = cols.last().map(|c| c.label).unwrap_or_default();
    let orgs = cols
        .iter()
        .skip(1)
        .take(cols.len().saturating_sub(2))
        .map(|c| view! { <th scope="col">{c.label}</th> })
        .collect_view();
    view! {
        <div class="nb-tablebox">
            <table class="nb-table nb-s3">
                <caption class="nb-sr">{table.caption}</caption>
                <thead>
                    <tr>
                        <td colspan="3" rowspan="3" class="nb-note">{template::S3_NOTE}</td>
                        <th scope="colgroup" colspan=cols.len()>{template::S3_APPLICANT_HEADER}</th>
                    </tr>
                    <tr>
                        <th scope="col" rowspan="2">{first}</th>
                        <th scope="colgroup" colspan=cols.len().saturating_sub(2)>{template::S3_ORG_HEADER}</th>
                        <th scope="col" rowspan="2">{last}</th>
                    </tr>
                    <tr>{orgs}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn section4(t: TemplateId, table: &'static TableDef) -> impl IntoView {
    let cols = table.columns;
    let n = cols.len();
    let review = table.rows.iter().filter(|r| r.group.is_none());
    let suits: Vec<_> = table.rows.iter().filter(|r| r.group.is_some()).collect();
    let suit_label = suits.first().and_then(|r| r.group).unwrap_or_default();
    let top = review
        .clone()
        .map(|r| view! { <th scope="colgroup" colspan=n>{r.label}</th> })
        .collect_view();
    let review_cols = review
        .clone()
        .flat_map(|_| cols.iter())
        .map(|c| view! { <th scope="col" rowspan="2">{c.label}</th> })
        .collect_view();
    let suit_heads = suits
        .iter()
        .map(|r| view! { <th scope="colgroup" colspan=n>{r.label}</th> })
        .collect_view();
    let suit_cols = suits
        .iter()
        .flat_map(|_| cols.iter())
        .map(|c| view! { <th scope="col">{c.label}</th> })
        .collect_view();
    let cells = table
        .rows
        .iter()
        .flat_map(|r| cols.iter().map(move |c| (r, c)))
        .enumerate()
        .map(|(i, (r, c))| view! { <Cell template=t key=key(table, r.key, c.key) r=0 c=i /> })
        .collect_view();
    view! {
        <div class="nb-tablebox">
            <table class="nb-table nb-s4">
                <caption class="nb-sr">{table.caption}</caption>
                <thead>
                    <tr>{top}<th scope="colgroup" colspan=n * suits.len()>{suit_label}</th></tr>
                    <tr>{review_cols}{suit_heads}</tr>
                    <tr>{suit_cols}</tr>
                </thead>
                <tbody><tr>{cells}</tr></tbody>
            </table>
        </div>
    }
}

/// One editable value. Shows blanks as an empty hatched cell (never 0), marks findings by
/// colour and symbol, and keeps what is typed until the cell loses focus.
#[component]
fn Cell(
    /// The report's template (for the cell's accessible name).
    template: TemplateId,
    /// The DATA.md cell key.
    key: String,
    /// Row index inside the table (for arrow keys).
    r: usize,
    /// Column index inside the table.
    c: usize,
) -> impl IntoView {
    let ctx = use_ctx();
    let name = template::get(template)
        .cell(&key)
        .map(|d| d.name())
        .unwrap_or_else(|| key.clone());
    // This cell's own signals: an edit elsewhere does not wake this cell.
    let slot = ctx.cell_slot(&key);
    let value = RwSignal::from(slot.value);
    let typed = RwSignal::from(slot.typed);
    let edited = RwSignal::from(slot.edited);
    let mark = RwSignal::from(slot.mark);
    let described = RwSignal::from(slot.tip);
    let shown = move || {
        typed.get().unwrap_or_else(|| {
            value.with(|v| v.as_ref().map(CellValue::display).unwrap_or_default())
        })
    };
    let k = key.clone();
    let focused = Memo::new(move |_| ctx.focused.with(|f| f.contains(&k)));
    let invalid = move || value.with(|v| v.as_ref().is_some_and(|v| !value_is_valid(v)));
    let class = move || {
        let mut s = String::from("nb-cell");
        value.with(|v| match v {
            None => s.push_str(" is-missing is-blank"),
            Some(CellValue::Blank) => s.push_str(" is-blank"),
            Some(v) if v.is_mark() => s.push_str(" is-mark"),
            _ => {}
        });
        if let Some(m) = mark.get() {
            s.push(' ');
            s.push_str(m.class());
        }
        if invalid() {
            s.push_str(" is-invalid");
        }
        if edited.get() {
            s.push_str(" is-edited");
        }
        if focused.get() {
            s.push_str(" is-focused");
        }
        s
    };
    let state_label = move || {
        let lang = ctx.lang.get();
        let m = mark.get();
        let t = match m {
            Some(crate::state::Mark::Error) => crate::i18n::tr(lang, "，有错误", ", error"),
            Some(crate::state::Mark::Warning) => crate::i18n::tr(lang, "，有提醒", ", warning"),
            Some(crate::state::Mark::NotEvaluable) => {
                crate::i18n::tr(lang, "，无法判断", ", not evaluable")
            }
            _ => "",
        };
        format!("{name}{t}")
    };
    let original = StoredValue::new(String::new());
    let k_focus = key.clone();
    let k_input = key.clone();
    let k_key = key.clone();
    let (k_enter, k_leave, k_blur) = (key.clone(), key.clone(), key.clone());
    view! {
        <td
            class=class
            id=cell_dom_id(&key)
            on:mouseenter=move |_| {
                if mark.get_untracked().is_some() {
                    ctx.show_tip(&k_enter, false);
                }
            }
            on:mouseleave=move |ev: web_sys::MouseEvent| {
                if !crate::components::cell_tip::into_tip(ev.related_target()) {
                    ctx.hide_tip(Some(&k_leave), false);
                }
            }
        >
            <input
                class="nb-cell-input"
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                aria-label=state_label
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=move || described.get().then_some(crate::components::cell_tip::TIP_ID)
                data-r=r
                data-c=c
                data-key=key.clone()
                prop:value=shown
                on:focus=move |_| {
                    ctx.new_session();
                    ctx.show_tip(&k_focus, true);
                    original.set_value(
                        value.with_untracked(|v| v.as_ref().map(CellValue::display).unwrap_or_default()),
                    );
                }
                on:input=move |ev| {
                    let raw = event_target_value(&ev);
                    ctx.edit_cell(&k_input, &raw);
                    typed.set(Some(raw));
                }
                on:blur=move |_| {
                    typed.set(None);
                    ctx.hide_tip(Some(&k_blur), true);
                }
                on:keydown=move |ev: KeyboardEvent| on_key(&ev, ctx, &k_key, original, typed)
            />
        </td>
    }
}

/// Esc cancels the edit; Enter and the arrow keys move like in a spreadsheet.
fn on_key(
    ev: &KeyboardEvent,
    ctx: crate::ctx::AppCtx,
    key: &str,
    original: StoredValue<String>,
    typed: RwSignal<Option<String>>,
) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    else {
        return;
    };
    let at_start = input.selection_start().ok().flatten() == Some(0);
    let len = input.value().chars().count() as u32;
    let at_end = input.selection_end().ok().flatten() == Some(len);
    let (dr, dc): (i32, i32) = match ev.key().as_str() {
        "Escape" => {
            let before = original.get_value();
            // Esc first closes the findings popover; it also cancels the edit if there is one.
            let had_tip = ctx
                .tip
                .with_untracked(|t| t.as_ref().is_some_and(|t| t.key == key));
            ctx.hide_tip(Some(key), true);
            if had_tip && input.value() == before {
                ev.prevent_default();
                return;
            }
            ctx.edit_cell(key, &before);
            typed.set(None);
            input.set_value(&before);
            ev.prevent_default();
            return;
        }
        "Enter" if ev.shift_key() => (-1, 0),
        "Enter" | "ArrowDown" => (1, 0),
        "ArrowUp" => (-1, 0),
        "ArrowLeft" if at_start => (0, -1),
        "ArrowRight" if at_end => (0, 1),
        _ => return,
    };
    let r = input
        .get_attribute("data-r")
        .and_then(|v| v.parse::<i32>().ok());
    let c = input
        .get_attribute("data-c")
        .and_then(|v| v.parse::<i32>().ok());
    let (Some(r), Some(c)) = (r, c) else {
        return;
    };
    let Some(table) = input.closest("table").ok().flatten() else {
        return;
    };
    let sel = format!("input[data-r=\"{}\"][data-c=\"{}\"]", r + dr, c + dc);
    if let Some(next) = table
        .query_selector(&sel)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
    {
        ev.prevent_default();
        let _ = next.focus();
        next.select();
    }
}
