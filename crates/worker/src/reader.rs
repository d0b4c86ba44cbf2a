//! The reader worker's entry point (text, HTML, CSV and JSON import; the rules' doc texts).
//! Built by Trunk as `data-type="worker"`; the app creates it ahead of the first input.

#[cfg(target_arch = "wasm32")]
fn main() {
    nianbao_worker::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("nianbao-reader runs in a browser (built by Trunk as a Web Worker)");
}
