//! Small helpers shared by the charts and the exporters (always compiled, no feature).

use crate::model::{Report, TemplateId};

/// The template to write a report in: its own, else the one its cell keys or year imply.
pub fn template_of(report: &Report) -> TemplateId {
    if let Some(t) = report.template {
        return t;
    }
    if report.cells.keys().any(|k| k.starts_with("s3.r3_6_")) {
        return TemplateId::V2021;
    }
    if report.cells.contains_key("s3.r3_6") || report.cells.contains_key("s2.rules.made") {
        return TemplateId::V2019;
    }
    report
        .year
        .map(TemplateId::for_year)
        .unwrap_or(TemplateId::V2021)
}

/// Escapes text for XML and HTML (text and attribute values). Control characters that XML
/// cannot hold are dropped.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '\t' | '\n' | '\r' => o.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => o.push(c),
        }
    }
    o
}
