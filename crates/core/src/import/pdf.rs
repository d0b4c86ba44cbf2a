//! PDF: text extraction (`pdf-extract`, cargo feature `pdf`), then the plain-text importer.
//! The extractor may panic on malformed files: natively the panic is caught; on wasm32
//! (`panic = "abort"`) the input is pre-validated (header, size, end marker) instead.

use super::Imported;
use super::Unreadable;

/// Largest PDF accepted (bytes).
pub const MAX_PDF_BYTES: usize = 50 << 20;

/// True when the bytes start like a PDF (`%PDF-` within the first 1 KiB).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.windows(5).take(1024).any(|w| w == b"%PDF-")
}

/// Reads a PDF: its text through the plain-text importer.
pub fn import(bytes: &[u8]) -> Imported {
    match extract_text(bytes) {
        Ok(text) => import_text(&text),
        Err(e) => e.into(),
    }
}

/// The extracted text goes through the plain-text importer (the PDF-text layouts live there).
fn import_text(text: &str) -> Imported {
    super::text::import(text)
}

/// The text of a PDF, or why it cannot be read (the I-04: `Imported::from(err)`).
pub fn extract_text(bytes: &[u8]) -> Result<String, Unreadable> {
    if bytes.len() > MAX_PDF_BYTES {
        return Err(Unreadable::new("PDF 文件过大", "PDF file too large"));
    }
    if !is_pdf(bytes) {
        return Err(Unreadable::new(
            "不是 PDF 文件（缺少 %PDF- 文件头）",
            "not a PDF file (no %PDF- header)",
        ));
    }
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(Unreadable::new(
            "PDF 文件不完整（缺少文件结尾）",
            "the PDF is truncated (no %%EOF marker)",
        ));
    }
    let text = extract(bytes)?;
    if text.trim().is_empty() {
        return Err(Unreadable::new(
            "PDF 中没有可提取的文字（可能是扫描件，需要先做文字识别）",
            "the PDF holds no extractable text (scanned? run OCR first)",
        ));
    }
    Ok(text)
}

#[cfg(all(feature = "pdf", not(target_arch = "wasm32")))]
fn extract(bytes: &[u8]) -> Result<String, Unreadable> {
    let run = std::panic::AssertUnwindSafe(|| pdf_extract::extract_text_from_mem(bytes));
    match std::panic::catch_unwind(run) {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(unreadable(&e.to_string())),
        Err(_) => Err(unreadable("extractor failed")),
    }
}

#[cfg(all(feature = "pdf", target_arch = "wasm32"))]
fn extract(bytes: &[u8]) -> Result<String, Unreadable> {
    pdf_extract::extract_text_from_mem(bytes).map_err(|e| unreadable(&e.to_string()))
}

#[cfg(not(feature = "pdf"))]
fn extract(_bytes: &[u8]) -> Result<String, Unreadable> {
    Err(Unreadable::new(
        "此版本不支持 PDF",
        "PDF support is not built in",
    ))
}

#[cfg(feature = "pdf")]
fn unreadable(why: &str) -> Unreadable {
    Unreadable::new(
        &format!("PDF 文件无法读取：{why}"),
        &format!("the PDF cannot be read: {why}"),
    )
}
