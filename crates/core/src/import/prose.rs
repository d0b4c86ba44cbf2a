//! Minimal prose reader for the structured importers (HTML, DOCX): title, agency, year,
//! 落款 date and the six sections' text from the paragraphs outside tables.
//! Stand-in until `import::sections` / `import::meta` exist; [`from_parts`] is the one entry.

use super::grid::{map_grids, Grid};
use super::Imported;
use crate::finding::{Finding, Severity};
use crate::template::{SECTION_ALIASES, SECTION_HEADINGS};
use crate::text::normalize_label;

const NUMERALS: [char; 6] = ['一', '二', '三', '四', '五', '六'];

/// Builds the imported report from tables and prose paragraphs.
pub fn from_parts(grids: &[Grid], paragraphs: &[String]) -> Imported {
    let mapped = map_grids(grids);
    let mut imported = Imported::default();
    let r = &mut imported.report;
    let mut current: Option<usize> = None;
    let mut headings = 0;
    for p in paragraphs {
        if let Some(n) = heading(p) {
            current = Some(n);
            headings += 1;
            r.sections.entry((n + 1).to_string()).or_default();
            continue;
        }
        if let Some(n) = current {
            let s = r.sections.entry((n + 1).to_string()).or_default();
            if !s.is_empty() {
                s.push('\n');
            }
            s.push_str(p);
        }
    }
    if mapped.tables.is_empty() && headings == 0 {
        return Imported::unreadable(
            "输入不是政府信息公开工作年度报告（没有找到章节或表格）",
            "the input is not a government information disclosure annual report (no sections or tables)",
        );
    }
    r.title = title(paragraphs);
    if let Some(t) = &r.title {
        if let Some((agency, year)) = agency_year(t) {
            r.agency = Some(agency).filter(|a| !a.is_empty());
            r.year = Some(year);
        }
    }
    r.date = paragraphs.iter().rev().take(5).find_map(|p| date(p));
    r.template = mapped.template;
    r.cells = mapped.cells;
    r.units = mapped.units;
    r.extra_rows = mapped.extra_rows;
    imported.findings = mapped.findings;
    for (id, name) in [
        ("s2", "主动公开"),
        ("s3", "依申请公开"),
        ("s4", "行政复议、行政诉讼"),
    ] {
        if !mapped.tables.contains(id) {
            imported.findings.push(Finding::new(
                "I-05",
                Severity::Info,
                format!("没有找到{name}表格"),
                format!("table {id} not found"),
            ));
        }
    }
    imported
}

/// The title: a short paragraph naming the report, joined with the line before it when a
/// PDF broke it after the agency (`淮安市人民政府` / `2024 年政府信息公开工作年度报告`).
fn title(paragraphs: &[String]) -> Option<String> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let i = paragraphs.iter().take(20).position(|p| {
        p.contains("政府信息公开") && p.contains("年度报告") && p.chars().count() < 80
    })?;
    let t = squeeze(&paragraphs[i]);
    let starts_with_year = t.chars().next().is_some_and(|c| c.is_ascii_digit());
    match (
        starts_with_year,
        i.checked_sub(1).and_then(|j| paragraphs.get(j)),
    ) {
        (true, Some(prev)) if prev.chars().count() < 40 => Some(squeeze(prev) + &t),
        _ => Some(t),
    }
}

/// Section number (0-based) when the paragraph is one of the six headings.
fn heading(p: &str) -> Option<usize> {
    if p.chars().count() > 40 {
        return None;
    }
    let t = p.trim();
    let first = t.chars().next()?;
    let n = NUMERALS.iter().position(|c| *c == first)?;
    let body = normalize_label(&t.chars().skip(1).collect::<String>());
    let canonical = normalize_label(&SECTION_HEADINGS[n].chars().skip(1).collect::<String>());
    let known = body.starts_with(&canonical)
        || SECTION_ALIASES[n]
            .iter()
            .any(|a| body.starts_with(&normalize_label(a)));
    known.then_some(n)
}

/// `淮安市人民政府2024年政府信息公开工作年度报告` → (`淮安市人民政府`, 2024).
fn agency_year(title: &str) -> Option<(String, i32)> {
    let chars: Vec<char> = title.chars().collect();
    for i in 0..chars.len().saturating_sub(4) {
        let digits: String = chars[i..i + 4].iter().collect();
        if digits.chars().all(|c| c.is_ascii_digit()) && chars.get(i + 4) == Some(&'年') {
            let year = digits.parse().ok()?;
            let agency: String = chars[..i].iter().collect();
            return Some((agency.trim().to_string(), year));
        }
    }
    None
}

/// A 落款 date `2021年1月28日` at the end of a short paragraph → `2021-01-28`.
fn date(p: &str) -> Option<String> {
    let t = p.trim();
    if t.chars().count() > 40 || !t.ends_with('日') {
        return None;
    }
    let nums: Vec<u32> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match nums[..] {
        [.., y, m, d]
            if (1990..2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) =>
        {
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        _ => None,
    }
}
