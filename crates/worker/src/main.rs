//! The engine worker's entry point (every importer and exporter). Built by Trunk as
//! `data-type="worker"`; the app creates it when a PDF, DOCX or XLSX import or a download is
//! first asked for.

#[cfg(target_arch = "wasm32")]
fn main() {
    nianbao_worker::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("nianbao-worker runs in a browser (built by Trunk as a Web Worker)");
}
