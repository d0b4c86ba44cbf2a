//! Browser tests: run with `cargo test --target wasm32-unknown-unknown -p nianbao-app`
//! (wasm-bindgen-test-runner drives headless Chromium; scripts/test.sh sets it up).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh, attached `<section>` to mount one app into (with no saved draft to restore).
fn fresh_host() -> HtmlElement {
    if let Ok(Some(s)) = window().local_storage() {
        let _ = s.remove_item(nianbao_app::state::DRAFT_KEY);
    }
    let document = document();
    let host = document.create_element("section").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host.unchecked_into()
}

/// True when `root` holds an element with `data-testid={id}`.
fn has(root: &Element, id: &str) -> bool {
    root.query_selector(&format!("[data-testid={id}]"))
        .unwrap()
        .is_some()
}

fn by_testid(root: &Element, id: &str) -> Element {
    root.query_selector(&format!("[data-testid={id}]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
}

#[wasm_bindgen_test]
async fn mounts_into_given_element_with_title_and_privacy_line() {
    let host = fresh_host();
    nianbao_app::mount(host.clone(), nianbao_app::i18n::Lang::Zh, None);
    tick().await;

    let title = by_testid(&host, "title");
    assert_eq!(
        title.text_content().as_deref(),
        Some("政府信息公开年报校验")
    );
    let privacy = by_testid(&host, "privacy").text_content().unwrap();
    assert!(
        privacy.contains("数据只在本机处理"),
        "privacy line: {privacy}"
    );
    // The app lives inside its own root class, nowhere else.
    assert!(host
        .first_element_child()
        .unwrap()
        .class_list()
        .contains("nb-app"));
}

#[wasm_bindgen_test]
async fn paste_box_has_a_label_and_reacts_to_input() {
    let host = fresh_host();
    nianbao_app::mount(host.clone(), nianbao_app::i18n::Lang::Zh, None);
    tick().await;

    let paste: HtmlTextAreaElement = by_testid(&host, "paste").unchecked_into();
    let label = host.query_selector("label[for=nb-paste]").unwrap().unwrap();
    assert!(label.text_content().unwrap().contains("在此粘贴年报全文"));
    assert_eq!(
        by_testid(&host, "status").text_content().as_deref(),
        Some("尚未粘贴内容")
    );

    paste.set_value("一、总体情况");
    let input = web_sys::Event::new("input").unwrap();
    paste.dispatch_event(&input).unwrap();
    tick().await;
    assert_eq!(
        by_testid(&host, "status").text_content().as_deref(),
        Some("已粘贴 6 个字符")
    );
}

fn click(root: &Element, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into::<HtmlElement>()
        .click();
}

#[wasm_bindgen_test]
async fn new_report_edit_undo_redo() {
    let host = fresh_host();
    nianbao_app::mount(host.clone(), nianbao_app::i18n::Lang::Zh, None);
    tick().await;
    click(&host, "[data-testid=new]");
    tick().await;
    click(&host, "[data-testid=new-form] button[type=submit]");
    tick().await;

    let cell = host
        .query_selector("[id='nb-c-s4.review.upheld']")
        .unwrap()
        .expect("section-4 cell");
    assert!(
        cell.class_list().contains("is-blank"),
        "blank shown as blank"
    );
    let input: HtmlInputElement = cell
        .query_selector("input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(input.value(), "");
    input.focus().unwrap();
    input.set_value("12");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
    assert!(cell.class_list().contains("is-edited"));
    assert!(!cell.class_list().contains("is-blank"));

    click(&host, "[data-testid=undo]");
    tick().await;
    assert_eq!(input.value(), "");
    assert!(cell.class_list().contains("is-blank"));
    click(&host, "[data-testid=redo]");
    tick().await;
    assert_eq!(input.value(), "12");
    // The verdict is shown for the edited report (re-checked on every edit).
    assert!(by_testid(&host, "verdict")
        .text_content()
        .unwrap()
        .contains("2021"));
    click(&host, "[data-testid=clear]");
    tick().await;
    click(&host, "[data-testid=clear-confirm]");
    tick().await;
    assert!(host
        .query_selector("[data-testid=paste]")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn previous_report_from_the_draft_feeds_y_rules_and_chart_until_removed() {
    use nianbao_app::state::{Doc, DRAFT_KEY};
    use nianbao_core::{CellValue, Imported, Report, TemplateId};
    let host = fresh_host();
    let mut current = Report::empty(TemplateId::V2021);
    current.year = Some(2024);
    current.cells.insert("s3.r1.total", CellValue::Int(9));
    current.cells.insert("s3.r2.total", CellValue::Int(3));
    let mut previous = Report::empty(TemplateId::V2021);
    previous.year = Some(2022);
    previous.cells.insert("s3.r1.total", CellValue::Int(7));
    previous.cells.insert("s3.r4.total", CellValue::Int(2));
    let mut doc = Doc::new(Imported {
        report: current,
        findings: Vec::new(),
    });
    doc.previous = Some(previous);
    let storage = window().local_storage().unwrap().unwrap();
    storage.set_item(DRAFT_KEY, &doc.to_storage()).unwrap();
    nianbao_app::mount(host.clone(), nianbao_app::i18n::Lang::Zh, None);
    tick().await;

    let meta = by_testid(&host, "previous-meta").text_content().unwrap();
    assert!(meta.contains("2022 年"), "{meta}");
    let notes = by_testid(&host, "previous-notes").text_content().unwrap();
    assert!(notes.contains("年度不符"), "{notes}");
    let y01 = "[data-testid=finding][data-rule=Y-01]";
    assert!(host.query_selector(y01).unwrap().is_some(), "Y-01 shown");
    assert!(host
        .query_selector("[data-testid=nb-chart-yoy]")
        .unwrap()
        .is_some());

    click(&host, "[data-testid=previous-remove]");
    tick().await;
    assert!(host.query_selector(y01).unwrap().is_none(), "Y-01 gone");
    assert!(host
        .query_selector("[data-testid=nb-chart-yoy]")
        .unwrap()
        .is_none());
    assert!(host
        .query_selector("[data-testid=previous-file]")
        .unwrap()
        .is_some());
    let _ = storage.remove_item(DRAFT_KEY);
}

#[wasm_bindgen_test]
fn state_undo_merges_one_session_and_recheck_runs() {
    use nianbao_app::state::Doc;
    use nianbao_core::{CellValue, Imported, Report, TemplateId};
    let mut doc = Doc::new(Imported {
        report: Report::empty(TemplateId::V2021),
        findings: Vec::new(),
    });
    doc.edit_cell("s4.review.total", CellValue::parse("1"), 1);
    doc.edit_cell("s4.review.total", CellValue::parse("15"), 1);
    let _ = doc.findings();
    assert_eq!(doc.undo().as_deref(), Some("s4.review.total"));
    assert_eq!(doc.report.cell("s4.review.total"), Some(&CellValue::Blank));
    assert!(!doc.can_undo());
}

#[wasm_bindgen_test]
async fn start_page_shows_the_inputs_and_says_when_the_checker_cannot_load() {
    // This test page has no <meta name="nianbao-checker">: the hand-over must fail cleanly.
    let host = fresh_host();
    nianbao_app::start::mount(host.clone());
    tick().await;
    let root = host.first_element_child().unwrap();
    assert!(root.class_list().contains("nb-app"));
    assert_eq!(root.get_attribute("data-module").as_deref(), Some("start"));
    assert_eq!(
        by_testid(&host, "title").text_content().as_deref(),
        Some("政府信息公开年报校验")
    );
    assert!(host
        .query_selector("label[for=nb-paste]")
        .unwrap()
        .is_some());

    click(&host, "[data-testid=sample]");
    for _ in 0..20 {
        tick().await;
        if has(&host, "start-error") {
            break;
        }
    }
    let error = by_testid(&host, "start-error").text_content().unwrap();
    assert!(error.contains("检查程序"), "{error}");
    // The inputs stay usable.
    assert!(has(&host, "paste"));
}

#[wasm_bindgen_test]
fn inputs_cross_between_modules_as_plain_objects() {
    use nianbao_app::intake::Input;
    let text = Input::Text {
        text: "一、总体情况".into(),
        name: Some("clipboard.html".into()),
    };
    match Input::from_js(&text.to_js()) {
        Some(Input::Text { text, name }) => {
            assert_eq!(text, "一、总体情况");
            assert_eq!(name.as_deref(), Some("clipboard.html"));
        }
        other => panic!("{other:?}"),
    }
    let new = Input::New {
        template: "2019".into(),
        year: "2020".into(),
        agency: "某某市人民政府".into(),
    };
    assert!(matches!(
        Input::from_js(&new.to_js()),
        Some(Input::New { template, year, agency })
            if template == "2019" && year == "2020" && agency == "某某市人民政府"
    ));
    assert!(matches!(
        Input::from_js(&Input::Sample.to_js()),
        Some(Input::Sample)
    ));
    let file = web_sys::File::new_with_str_sequence(&js_sys::Array::new(), "a.pdf").unwrap();
    assert!(matches!(
        Input::from_js(&Input::File(file).to_js()),
        Some(Input::File(f)) if f.name() == "a.pdf"
    ));
    // Anything else is not an input.
    assert!(Input::from_js(&wasm_bindgen::JsValue::NULL).is_none());
    assert!(Input::from_js(&wasm_bindgen::JsValue::from_str("text")).is_none());
    assert!(Input::from_js(&js_sys::Object::new().into()).is_none());
}

#[wasm_bindgen_test]
async fn start_page_with_a_draft_says_it_restores_and_falls_back_when_the_checker_cannot_load() {
    use nianbao_app::state::{Doc, DRAFT_KEY};
    use nianbao_core::{Imported, Report, TemplateId};
    let host = fresh_host();
    let doc = Doc::new(Imported {
        report: Report::empty(TemplateId::V2021),
        findings: Vec::new(),
    });
    let storage = window().local_storage().unwrap().unwrap();
    storage.set_item(DRAFT_KEY, &doc.to_storage()).unwrap();
    nianbao_app::start::mount(host.clone());
    // Before the (failing) load settles: the draft is announced, no paste box flashes.
    assert!(has(&host, "restoring"));
    assert!(!has(&host, "paste"));
    for _ in 0..20 {
        tick().await;
        if has(&host, "start-error") {
            break;
        }
    }
    assert!(has(&host, "start-error"));
    assert!(!has(&host, "restoring"));
    assert!(has(&host, "paste"));
    let _ = storage.remove_item(DRAFT_KEY);
}
