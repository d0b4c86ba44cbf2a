//! The report as a document: title, the six sections in order, narrative editable, the tables of
//! sections 2–4 in the official layout, rows outside the template below their table.

use leptos::prelude::*;
use nianbao_core::template::{self, SECTION_HEADINGS};
use nianbao_core::TemplateId;

use crate::components::table_view::TableView;
use crate::ctx::{cell_dom_id, use_ctx};
use crate::i18n::tr;
use crate::state::extra_rows_of;

/// The paper column. Rebuilt when a new document is loaded, not on edits.
#[component]
pub fn ReportView() -> impl IntoView {
    let ctx = use_ctx();
    move || {
        ctx.generation.track();
        let template = ctx
            .doc
            .with_untracked(|d| d.as_ref().and_then(|d| d.report.template));
        template.map(|t| view! { <Paper template=t /> })
    }
}

#[component]
fn Paper(
    /// The template of the loaded report.
    template: TemplateId,
) -> impl IntoView {
    let ctx = use_ctx();
    let title = Memo::new(move |_| {
        ctx.doc.with(|d| {
            let r = d.as_ref().map(|d| &d.report);
            r.and_then(|r| r.title.clone()).unwrap_or_else(|| {
                let agency = r.and_then(|r| r.agency.clone()).unwrap_or_default();
                let year = r
                    .and_then(|r| r.year)
                    .map(|y| y.to_string())
                    .unwrap_or_default();
                format!("{agency}{year}年政府信息公开工作年度报告")
            })
        })
    });
    let sections = (1u8..=6)
        .map(|n| view! { <SectionView template n /> })
        .collect_view();
    view! {
        <article class="nb-paper" data-testid="report" aria-labelledby="nb-doc-title">
            <h2 id="nb-doc-title" class="nb-doc-title">{title}</h2>
            {sections}
        </article>
    }
}

#[component]
fn SectionView(
    /// The template of the loaded report.
    template: TemplateId,
    /// Section number 1…6.
    n: u8,
) -> impl IntoView {
    let ctx = use_ctx();
    let heading = SECTION_HEADINGS
        .get(usize::from(n) - 1)
        .copied()
        .unwrap_or_default();
    let tables = template::get(template)
        .section_tables(n)
        .map(|t| view! { <TableView template table=t /> })
        .collect_view();
    let prefix = match n {
        2 => Some("s2"),
        3 => Some("s3"),
        4 => Some("s4"),
        _ => None,
    };
    // Memos: a cell edit changes the document, not this text.
    let text = Memo::new(move |_| {
        ctx.doc.with(|d| {
            d.as_ref()
                .map(|d| d.report.section(n).to_string())
                .unwrap_or_default()
        })
    });
    let text = move || text.get();
    // Sections 2–4 are tables; their narrative is shown only when the report has some.
    let has_text = move || n == 1 || n >= 5 || !text().trim().is_empty();
    let target = format!("section.{n}");
    let edited = {
        let target = target.clone();
        let edited = Memo::new(move |_| {
            ctx.doc
                .with(|d| d.as_ref().is_some_and(|d| d.edited.contains(&target)))
        });
        move || edited.get()
    };
    let label_id = format!("nb-sec-{n}-h");
    let label_ref = label_id.clone();
    view! {
        <section class="nb-section" id=format!("nb-sec-{n}") aria-labelledby=label_ref>
            <h3 class="nb-section-title" id=label_id>{heading}</h3>
            <Show when=has_text>
                <div class="nb-prose" class:is-edited=edited id=cell_dom_id(&target)>
                    <textarea
                        class="nb-prose-input"
                        aria-label=move || format!("{heading}{}", tr(ctx.lang.get(), "（正文）", " (text)"))
                        rows=move || (text().chars().count() / 40 + 2).clamp(2, 30)
                        prop:value=text
                        on:focus=move |_| {
                            ctx.new_session();
                        }
                        on:input=move |ev| ctx.edit_section(n, event_target_value(&ev))
                    ></textarea>
                </div>
            </Show>
            {tables}
            {prefix.map(|p| view! { <ExtraRows table=p /> })}
        </section>
    }
}

/// Rows the report has beyond the template, shown below their table and marked as such.
#[component]
fn ExtraRows(
    /// `s2`, `s3` or `s4`.
    table: &'static str,
) -> impl IntoView {
    let ctx = use_ctx();
    let rows = Memo::new(move |_| {
        ctx.doc.with(|d| {
            d.as_ref()
                .map(|d| {
                    extra_rows_of(&d.report, table)
                        .map(|e| {
                            // Findings that quote this row's label (S-05, S-07 …).
                            let rules = ctx.findings.with(|fs| {
                                fs.iter()
                                    .filter(|f| f.text.as_deref() == Some(e.label.as_str()))
                                    .map(|f| f.rule.clone())
                                    .collect::<Vec<_>>()
                            });
                            (
                                e.label.clone(),
                                e.values.iter().map(|v| v.display()).collect::<Vec<_>>(),
                                rules,
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    move || {
        let rows = rows.get();
        (!rows.is_empty()).then(|| {
            let lang = ctx.lang.get();
            let body = rows
                .into_iter()
                .map(|(label, values, rules)| {
                    let tds = values
                        .into_iter()
                        .map(|v| view! { <td class="nb-cell nb-extra-cell">{v}</td> })
                        .collect_view();
                    let flagged = !rules.is_empty();
                    let chips = rules
                        .into_iter()
                        .map(|r| { let href = format!("#rule-{r}"); view! { <a class="nb-chip" href=href>"⚠ "{r}</a> } })
                        .collect_view();
                    view! {
                        <tr class:is-warning=flagged data-testid="extra-row">
                            <th scope="row" class="nb-rowlabel">
                                <span class="nb-tag">{tr(lang, "非模板行", "not in template")}</span>
                                " "{label}" "{chips}
                            </th>
                            {tds}
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="nb-tablebox">
                    <table class="nb-table nb-extra" data-testid=format!("extra-{table}")>
                        <caption>{tr(lang, "模板以外的行（只读）", "Rows outside the template (read-only)")}</caption>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            }
        })
    }
}
