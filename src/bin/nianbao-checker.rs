//! The checker module, loaded on demand by the start page (src/start.rs): the report view,
//! its checks, charts and downloads. It does nothing when loaded; the start page calls
//! [`nb_start`] to hand over its element and the user's first input.

use nianbao_app::i18n::Lang;
use nianbao_app::intake::Input;
use wasm_bindgen::prelude::*;

fn main() {}

/// Mounts the checker into `parent` in language `lang` (`zh-CN`/`en`) and reads `input` (an
/// `Input` object of the start page; null: only restore the saved draft).
#[wasm_bindgen]
pub fn nb_start(parent: web_sys::HtmlElement, lang: String, input: JsValue) {
    nianbao_app::mount(parent, Lang::from_code(&lang), Input::from_js(&input));
}

/// Starts the importers' worker ahead of the first input.
#[wasm_bindgen]
pub fn nb_warm() {
    nianbao_app::worker_client::warm_up();
}

/// See [`nianbao_app::components::harness::mount_extras`].
#[wasm_bindgen]
pub fn nb_mount_extras(
    parent: web_sys::HtmlElement,
    report_json: &str,
    previous_json: Option<String>,
    findings_json: Option<String>,
) -> Result<(), JsValue> {
    nianbao_app::components::harness::mount_extras(
        parent,
        report_json,
        previous_json,
        findings_json,
    )
    .map_err(|e| JsValue::from_str(&e))
}

/// See [`nianbao_app::components::harness::import_file_json`].
#[wasm_bindgen]
pub async fn nb_import_file(bytes: Vec<u8>, name: Option<String>) -> String {
    nianbao_app::components::harness::import_file_json(bytes, name).await
}
