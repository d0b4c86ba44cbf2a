//! Helpers shared by the corpus tests (each test file uses what it needs).
#![allow(dead_code)]

use std::path::PathBuf;

/// The shared corpus (`/work/shared/corpus`, beside the repository).
pub fn corpus() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ))
}

/// The corpus folders whose inputs have a ground truth (`.json`) beside them.
pub const FOLDERS: [&str; 8] = [
    "public",
    "partial",
    "html",
    "pdf",
    "docx",
    "xlsx",
    "csv",
    "encodings",
];

/// The bytes of a corpus file (`rel` below the corpus), `None` when it is not there.
pub fn read(rel: &str) -> Option<Vec<u8>> {
    std::fs::read(corpus().join(rel)).ok()
}
