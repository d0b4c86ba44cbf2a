//! The rules reference: every rule of the core's registry (id, severity, title, doc; the
//! registry also documents the import findings I-01…I-05), each at the anchor `#rule-{id}` so that a rule-id link
//! (`<a href="#rule-T3-01">`) opens it. Docs are shown as plain-text paragraphs (Leptos
//! escapes text; no Markdown engine and no `inner_html` here).

use leptos::ev;
use leptos::prelude::*;
use nianbao_core::rules;
use nianbao_core::Severity;

/// The anchor id of a rule: `rule-T3-01`.
pub fn anchor(id: &str) -> String {
    format!("rule-{id}")
}

/// One paragraph of a rule's doc.
#[derive(Clone, Debug, PartialEq)]
pub struct Para {
    /// A Markdown heading line (`## 检查什么`), shown as a small heading.
    pub heading: bool,
    pub text: String,
}

/// A rule's doc as plain paragraphs: blank lines separate paragraphs, a heading line is a
/// paragraph of its own, list items start a new paragraph with "· ", emphasis stars and code
/// backticks are dropped. Lines wrapped inside a paragraph are joined (with a space between
/// two Latin words only).
pub fn doc_paragraphs(doc: &str) -> Vec<Para> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<Para>| {
        if !cur.is_empty() {
            out.push(Para {
                heading: false,
                text: std::mem::take(cur),
            });
        }
    };
    for line in doc.lines() {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut cur, &mut out);
            continue;
        }
        if line.starts_with('#') {
            flush(&mut cur, &mut out);
            let text = line
                .trim_start_matches('#')
                .trim()
                .replace("**", "")
                .replace('`', "");
            if !text.is_empty() {
                out.push(Para {
                    heading: true,
                    text,
                });
            }
            continue;
        }
        let (bullet, line) = match line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        let line = line.replace("**", "").replace('`', "");
        if bullet {
            flush(&mut cur, &mut out);
            cur.push_str("· ");
        } else if !cur.is_empty() {
            let latin_end = cur
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric());
            let latin_start = line
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
            if latin_end && latin_start {
                cur.push(' ');
            }
        }
        cur.push_str(&line);
    }
    flush(&mut cur, &mut out);
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
    /// Empty when the module was built without the docs (they come from the worker).
    doc: Vec<Para>,
}

fn entries() -> Vec<Entry> {
    rules::all()
        .iter()
        .map(|r| Entry {
            id: r.id,
            severity: r.severity,
            title: r.title,
            title_en: r.title_en,
            doc: doc_paragraphs(r.doc),
        })
        .collect()
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

    // The docs: built in (native tests, core feature `docs`) or, in the first-load module,
    // asked from the worker the first time a rule is opened.
    let fetched = RwSignal::new(None::<std::collections::HashMap<String, Vec<Para>>>);
    let asked = StoredValue::new(false);
    let want_docs = move || {
        if asked.get_value() {
            return;
        }
        asked.set_value(true);
        leptos::task::spawn_local(async move {
            let docs = crate::worker_client::rule_docs().await.unwrap_or_default();
            fetched.set(Some(
                docs.into_iter()
                    .map(|(id, doc)| (id, doc_paragraphs(&doc)))
                    .collect(),
            ));
        });
    };
    Effect::new(move |_| {
        if open.with(Option::is_some) {
            want_docs();
        }
    });

    let list = entries();
    view! {
        <section class="nb-rules" aria-labelledby="nb-rules-title" data-testid="rules-ref">
            <h2 id="nb-rules-title" class="nb-rules-title">"校验规则说明"</h2>
            <p class="nb-rules-intro">
                {format!(
                    "共 {} 条规则，另有 {} 类导入提示（I-01…I-05）。",
                    list.iter().filter(|e| !e.id.starts_with("I-")).count(),
                    list.iter().filter(|e| e.id.starts_with("I-")).count(),
                )}
            </p>
            {list
                .into_iter()
                .map(|e| {
                    let id = e.id;
                    let is_open = move || open.with(|o| o.as_deref() == Some(id));
                    let sev = e.severity;
                    let built_in = e.doc;
                    let doc = move || {
                        if !built_in.is_empty() {
                            return Some(built_in.clone());
                        }
                        fetched.with(|f| f.as_ref().map(|f| f.get(id).cloned().unwrap_or_default()))
                    };
                    view! {
                        <details
                            id=anchor(id)
                            class=format!("nb-rule nb-rule-{}", sev.as_str())
                            data-rule=id
                            prop:open=is_open
                            on:toggle=move |_| want_docs()
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
                                {move || match doc() {
                                    Some(paras) => paras
                                        .into_iter()
                                        .map(|p| {
                                            view! {
                                                <p class:nb-rule-h=p.heading>{p.text}</p>
                                            }
                                        })
                                        .collect_view()
                                        .into_any(),
                                    None => view! {
                                        <p class="nb-rule-loading">"正在载入说明… · Loading…"</p>
                                    }
                                        .into_any(),
                                }}
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
        let doc =
            "## 检查什么\n检查 `总计` 是否等于\n各项之和。\n\n- **例**：20 ≠ 26\n- second\nline";
        let got: Vec<(bool, String)> = doc_paragraphs(doc)
            .into_iter()
            .map(|p| (p.heading, p.text))
            .collect();
        assert_eq!(
            got,
            vec![
                (true, "检查什么".to_string()),
                (false, "检查 总计 是否等于各项之和。".to_string()),
                (false, "· 例：20 ≠ 26".to_string()),
                (false, "· second line".to_string()),
            ]
        );
        assert_eq!(id_from_hash("#rule-T3-01").as_deref(), Some("T3-01"));
        assert_eq!(id_from_hash("#other"), None);
        assert_eq!(anchor("I-04"), "rule-I-04");
    }

    #[test]
    fn every_rule_has_an_entry() {
        let e = entries();
        assert_eq!(e.len(), rules::all().len());
        assert!(e.iter().any(|e| e.id == "I-04"));
        // With the core's `docs` feature every rule has a doc; without it (the first-load
        // module) none has, and the worker supplies them.
        let with_doc = e.iter().filter(|e| !e.doc.is_empty()).count();
        assert!(
            with_doc == 0 || with_doc == e.len(),
            "{with_doc} of {}",
            e.len()
        );
    }
}
