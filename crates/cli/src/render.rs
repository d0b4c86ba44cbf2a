//! How findings and rules are printed: a readable table, or JSON.

use nianbao_core::rules::Rule;
use nianbao_core::{Finding, Report, Severity};

/// One JSON object for one file: `{"file", "report", "findings"}`.
pub fn json_line(file: &str, report: &Report, findings: &[Finding]) -> String {
    // Written by hand so that the keys keep this order.
    format!(
        "{{\"file\":{},\"report\":{},\"findings\":{}}}",
        serde_json::to_string(file).unwrap_or_default(),
        serde_json::to_string(report).unwrap_or_default(),
        serde_json::to_string(findings).unwrap_or_default()
    )
}

/// A header line with the verdict, then one row per finding. Not-evaluable notes are counted,
/// not listed.
pub fn table(file: &str, report: &Report, findings: &[Finding]) -> String {
    let (e, w, _) = nianbao_core::finding::counts(findings);
    let mut who = Vec::new();
    if let Some(a) = &report.agency {
        who.push(a.clone());
    }
    if let Some(y) = report.year {
        who.push(format!("{y} 年度"));
    }
    if let Some(t) = report.template {
        who.push(format!("{t} 模板"));
    }
    let verdict = if findings.iter().any(|f| f.rule == "I-04") {
        "无法读取 / cannot be read".to_string()
    } else if e == 0 && w == 0 {
        "勾稽关系全部通过".to_string()
    } else {
        format!("{e} 处错误，{w} 处提醒")
    };
    let mut out = if who.is_empty() {
        format!("== {file}：{verdict}")
    } else {
        format!("== {file}（{}）：{verdict}", who.join("，"))
    };
    let mut shown: Vec<&Finding> = findings.iter().filter(|f| !f.is_not_evaluable()).collect();
    shown.sort_by_key(|f| f.severity);
    for f in shown {
        out.push_str(&format!(
            "\n  {}  {:<5}  {}",
            f.severity.zh(),
            f.rule,
            f.message
        ));
        if let Some(t) = &f.text {
            out.push_str(&format!("\n                 原文：{t}"));
        }
        if !f.cells.is_empty() {
            let mut cells = f
                .cells
                .iter()
                .take(6)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            if f.cells.len() > 6 {
                cells.push_str(&format!(" …（共 {} 格）", f.cells.len()));
            }
            out.push_str(&format!("\n                 单元格：{cells}"));
        }
    }
    let ne = findings.iter().filter(|f| f.is_not_evaluable()).count();
    if ne > 0 {
        out.push_str(&format!(
            "\n  另有 {ne} 项检查因单元格空白、缺失或无正文而无法判断（--json 可查看）"
        ));
    }
    out
}

fn sev(s: Severity) -> &'static str {
    s.as_str()
}

pub fn rules_json(rules: &[&Rule]) -> String {
    let v: Vec<serde_json::Value> = rules
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.id,
                "severity": sev(r.severity),
                "title": r.title,
                "title_en": r.title_en,
                "doc": r.doc,
            })
        })
        .collect();
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

pub fn rules_table(rules: &[&Rule]) -> String {
    let mut out = String::new();
    for r in rules {
        out.push_str(&format!(
            "{:<5}  {}  {} / {}\n",
            r.id,
            r.severity.zh(),
            r.title,
            r.title_en
        ));
        for line in r.doc.lines() {
            out.push_str(&format!("    {line}\n"));
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}
