//! The rules reference: every rule of the core's registry (id, severity, title, doc) and the
//! import findings I-01…I-05, each at the anchor `#rule-{id}` so that a rule-id link
//! (`<a href="#rule-T3-01">`) opens it. Docs are shown as plain-text paragraphs (Leptos
//! escapes text; no Markdown engine and no `inner_html` here).

use leptos::ev;
use leptos::prelude::*;
use nianbao_core::rules;
use nianbao_core::Severity;

/// The import findings (DATA.md "Import findings"): id, severity, meaning.
pub const IMPORT_FINDINGS: [(&str, Severity, &str, &str); 5] = [
    (
        "I-01",
        Severity::Warning,
        "表格中有无法归入任何单元格的数字",
        "表格区域里的这个数字无法确定属于哪一行哪一列，未计入任何单元格。请对照原文核实。",
    ),
    (
        "I-02",
        Severity::Warning,
        "数值不能唯一确定",
        "原文无法唯一确定这个数值（例如数字连在一起，如 3960181）：单元格中是最可能的读法，其他可能的读法一并列出。",
    ),
    (
        "I-03",
        Severity::Warning,
        "单元格内容不是数字",
        "单元格中的文字既不是数字，也不是常用的“不适用”标记（/、-、—、无）。涉及它的校验无法判断。",
    ),
    (
        "I-04",
        Severity::Error,
        "无法读取输入",
        "输入无法读取（格式不对、文件损坏或编码无法识别），因此不报告其他问题。",
    ),
    (
        "I-05",
        Severity::Info,
        "未找到某一部分或某张表",
        "输入中没有找到这一部分或这张表；是否算作错误由 S 类规则判断。",
    ),
];

/// The anchor id of a rule: `rule-T3-01`.
pub fn anchor(id: &str) -> String {
    format!("rule-{id}")
}

/// A rule's doc as plain paragraphs: blank lines separate paragraphs, Markdown heading marks,
/// list bullets and emphasis stars are dropped, code backticks removed.
pub fn doc_paragraphs(doc: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in doc.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let line = line.trim_start_matches('#').trim_start();
        let (bullet, line) = match line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        let line = line.replace("**", "").replace('`', "");
        if bullet && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            let joins_cjk = cur.chars().last().is_some_and(|c| !c.is_ascii())
                || line.chars().next().is_some_and(|c| !c.is_ascii());
            if !joins_cjk {
                cur.push(' ');
            }
        }
        if bullet {
            cur.push_str("· ");
        }
        cur.push_str(&line);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The id in a location hash `#rule-T3-01`, if it is one.
fn id_from_hash(hash: &str) -> Option<String> {
    hash.strip_prefix("#rule-")
        .filter(|id| !id.is_empty())
        .map(str::to_string)
}

/// One entry of the reference.
struct Entry {
    id: &'static str,
    severity: Severity,
    title: &'static str,
    title_en: &'static str,
    doc: Vec<String>,
}

fn entries() -> Vec<Entry> {
    let mut v: Vec<Entry> = rules::all()
        .iter()
        .map(|r| Entry {
            id: r.id,
            severity: r.severity,
            title: r.title,
            title_en: r.title_en,
            doc: doc_paragraphs(r.doc),
        })
        .collect();
    v.extend(
        IMPORT_FINDINGS
            .iter()
            .map(|&(id, severity, title, doc)| Entry {
                id,
                severity,
                title,
                title_en: "",
                doc: vec![doc.to_string()],
            }),
    );
    v
}

/// The reference. `selected` opens a rule and scrolls to it (e.g. after a click on a rule
/// chip); a link to `#rule-{id}` does the same through the location hash.
#[component]
pub fn RulesRef(#[prop(into)] selected: Signal<Option<String>>) -> impl IntoView {
    let from_hash = RwSignal::new(id_from_hash(
        &window().location().hash().unwrap_or_default(),
    ));
    let handle = window_event_listener(ev::hashchange, move |_| {
        from_hash.set(id_from_hash(
            &window().location().hash().unwrap_or_default(),
        ));
    });
    on_cleanup(move || handle.remove());

    // The rule to open: the latest of `selected` and the hash.
    let open = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(id) = selected.get() {
            open.set(Some(id));
        }
    });
    Effect::new(move |_| {
        if let Some(id) = from_hash.get() {
            open.set(Some(id));
        }
    });
    // Scroll to it once it is open.
    Effect::new(move |_| {
        if let Some(id) = open.get() {
            if let Some(el) = document().get_element_by_id(&anchor(&id)) {
                el.scroll_into_view();
            }
        }
    });

    let list = entries();
    view! {
        <section class="nb-rules" aria-labelledby="nb-rules-title" data-testid="rules-ref">
            <h2 id="nb-rules-title" class="nb-rules-title">"校验规则说明"</h2>
            <p class="nb-rules-intro">
                {format!("共 {} 条规则，另有 5 类导入提示（I-01…I-05）。", list.len() - 5)}
            </p>
            {list
                .into_iter()
                .map(|e| {
                    let id = e.id;
                    let is_open = move || open.with(|o| o.as_deref() == Some(id));
                    let sev = e.severity;
                    view! {
                        <details
                            id=anchor(id)
                            class=format!("nb-rule nb-rule-{}", sev.as_str())
                            data-rule=id
                            prop:open=is_open
                        >
                            <summary class="nb-rule-summary">
                                <span class="nb-rule-chip">
                                    <span class="nb-rule-id">{id}</span>
                                    " · "
                                    <span class="nb-rule-sev">{sev.zh()}</span>
                                </span>
                                " "
                                <span class="nb-rule-name">{e.title}</span>
                                {(!e.title_en.is_empty())
                                    .then(|| {
                                        view! {
                                            <span class="nb-en" lang="en">
                                                {e.title_en}
                                            </span>
                                        }
                                    })}
                            </summary>
                            <div class="nb-rule-doc">
                                {e.doc.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                                <p class="nb-rule-link">
                                    <a href=format!("#{}", anchor(id))>"本条链接"</a>
                                </p>
                            </div>
                        </details>
                    }
                })
                .collect_view()}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_of_markdown() {
        let doc = "# 标题\n\n检查 `总计` 是否等于\n各项之和。\n\n- **例**：20 ≠ 26\n- second\nline";
        assert_eq!(
            doc_paragraphs(doc),
            vec![
                "标题".to_string(),
                "检查 总计 是否等于各项之和。".to_string(),
                "· 例：20 ≠ 26".to_string(),
                "· second line".to_string(),
            ]
        );
        assert_eq!(id_from_hash("#rule-T3-01").as_deref(), Some("T3-01"));
        assert_eq!(id_from_hash("#other"), None);
        assert_eq!(anchor("I-04"), "rule-I-04");
    }
}
