//! The page's first-load module: mounts the start page into `<div id="nianbao">` (or
//! `<body>`); the start page loads the checker module (src/bin/nianbao-checker.rs) on demand.

use wasm_bindgen::prelude::*;

fn main() {
    if let Some(parent) = nianbao_app::mount_point(nianbao_app::MOUNT_ID) {
        nianbao_app::start::mount(parent);
    }
}

/// The checker module's exports, loading it if needed (for end-to-end tests and embedding
/// pages; Trunk puts this module's exports on `window.wasmBindings`).
#[wasm_bindgen]
pub fn nb_checker() -> js_sys::Promise {
    nianbao_app::start::checker_promise()
}
