//! Browser tests: run with `cargo test --target wasm32-unknown-unknown -p nianbao-app`
//! (wasm-bindgen-test-runner drives headless Chromium; scripts/test.sh sets it up).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh, attached `<section>` to mount one app into.
fn fresh_host() -> HtmlElement {
    let document = document();
    let host = document.create_element("section").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host.unchecked_into()
}

fn by_testid(root: &Element, id: &str) -> Element {
    root.query_selector(&format!("[data-testid={id}]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
}

#[wasm_bindgen_test]
async fn mounts_into_given_element_with_title_and_privacy_line() {
    let host = fresh_host();
    nianbao_app::mount(host.clone());
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
    nianbao_app::mount(host.clone());
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
