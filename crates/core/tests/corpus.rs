//! The whole pipeline (import → check) over ../shared/corpus, against the hand-typed ground truth.
//!
//! For every input with a `.json` beside it: the cells must equal the ground truth exactly, every
//! `ambiguous` cell must carry an I-02 finding, every expected error must be found, and no other
//! error may appear. The score of each file is printed (`cargo test --test corpus -- --nocapture`).

use std::collections::BTreeSet;
mod common;

use std::path::{Path, PathBuf};

use common::{corpus, FOLDERS};
use nianbao_core::{check, import, Severity};
use serde_json::Value;

/// Every input file with ground truth: (input, truth).
fn cases() -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for dir in FOLDERS {
        let Ok(entries) = std::fs::read_dir(corpus().join(dir)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files {
            let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ext == "json" || ext == "md" {
                continue;
            }
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
            // `x.gb18030.txt` → `x.gb18030.json`; `x.html` and `x.txt` share `x.json`.
            let truth = f.with_extension("json");
            if truth.exists() {
                out.push((f, truth));
            } else if let Some(stem) = name.split('.').next() {
                let t = f.with_file_name(format!("{stem}.json"));
                if t.exists() && !name.starts_with("template-") {
                    out.push((f, t));
                }
            }
        }
    }
    out
}

struct Outcome {
    exact: usize,
    total: usize,
    problems: Vec<String>,
}

fn run(input: &Path, truth_path: &Path) -> Outcome {
    let bytes = std::fs::read(input).expect("corpus file readable");
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(truth_path).expect("truth readable"))
            .expect("truth is JSON");
    let name = input.file_name().and_then(|n| n.to_str());
    let imported = import(&bytes, name);
    let mut findings = imported.findings.clone();
    findings.extend(check(&imported.report, None));
    let report = &imported.report;
    let mut problems = Vec::new();

    let truth_cells = truth["cells"].as_object().cloned().unwrap_or_default();
    let mut exact = 0;
    for (key, want) in &truth_cells {
        let got = report
            .cells
            .get(key)
            .map(|v| serde_json::to_value(v).unwrap_or(Value::Null));
        match got {
            Some(g) if same(&g, want) => exact += 1,
            Some(g) => problems.push(format!("{key}: got {g}, want {want}")),
            None => problems.push(format!("{key}: missing, want {want}")),
        }
    }
    for key in report.cells.keys() {
        if !truth_cells.contains_key(key) {
            problems.push(format!("{key}: invented (not in the text)"));
        }
    }
    // Workbooks and key/value CSV hold only the tables: no title, agency or date to read.
    let ext = input.extension().and_then(|e| e.to_str()).unwrap_or("");
    let fields: &[&str] = if ext == "xlsx" || ext == "csv" {
        &["template"]
    } else {
        &["template", "year", "agency", "date"]
    };
    for &field in fields {
        let want = &truth[field];
        let got = match field {
            "template" => report
                .template
                .map(|t| Value::from(t.as_str()))
                .unwrap_or(Value::Null),
            "year" => report.year.map(Value::from).unwrap_or(Value::Null),
            "agency" => report
                .agency
                .clone()
                .map(Value::from)
                .unwrap_or(Value::Null),
            _ => report.date.clone().map(Value::from).unwrap_or(Value::Null),
        };
        if !want.is_null() && &got != want {
            problems.push(format!("{field}: got {got}, want {want}"));
        }
    }
    // `ambiguous` describes the plain-text reading (digits run together); a table in HTML, Word
    // or Excel fixes every cell, so there nothing is ambiguous.
    if let Some(amb) = truth["ambiguous"].as_object().filter(|_| ext == "txt") {
        for key in amb.keys() {
            let flagged = findings
                .iter()
                .any(|f| f.rule == "I-02" && f.cells.iter().any(|c| c == key));
            if !flagged {
                problems.push(format!("{key}: ambiguous in the text but not flagged I-02"));
            }
        }
    }
    // Errors: exactly the expected ones (by rule id and count); missing tables in partial texts
    // are expected S-04/I-05 and not false errors.
    let partial = input
        .parent()
        .and_then(|d| d.file_name())
        .is_some_and(|d| d == "partial");
    let mut want_errors: Vec<String> = truth["expected_findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|f| f["severity"] == "error")
                .filter_map(|f| f["rule"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    want_errors.sort();
    let mut got_errors: Vec<String> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter(|f| !(partial && (f.rule == "S-04" || f.rule == "S-01")))
        .map(|f| f.rule.clone())
        .collect();
    got_errors.sort();
    let want_set: BTreeSet<&String> = want_errors.iter().collect();
    let got_set: BTreeSet<&String> = got_errors.iter().collect();
    if want_set != got_set {
        problems.push(format!("errors: got {got_errors:?}, want {want_errors:?}"));
    }
    Outcome {
        exact,
        total: truth_cells.len(),
        problems,
    }
}

/// 96171.6 and 96171.6 are the same; 0 and 0.0 are not the same cell text but the same number.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

#[test]
fn corpus_matches_ground_truth() {
    let cases = cases();
    assert!(
        cases.len() >= 30,
        "corpus not found at {}",
        corpus().display()
    );
    let mut failed = Vec::new();
    let (mut exact, mut total) = (0, 0);
    for (input, truth) in &cases {
        let o = run(input, truth);
        exact += o.exact;
        total += o.total;
        let rel = input
            .strip_prefix(corpus())
            .unwrap_or(input)
            .display()
            .to_string();
        println!(
            "{:>4}/{:<4} {}{}",
            o.exact,
            o.total,
            rel,
            if o.problems.is_empty() { "" } else { "  ✕" }
        );
        if !o.problems.is_empty() {
            for p in o.problems.iter().take(8) {
                println!("           {p}");
            }
            failed.push(rel);
        }
    }
    println!(
        "corpus: {exact} of {total} ground-truth cells exact; {} of {} files fully right",
        cases.len() - failed.len(),
        cases.len()
    );
    assert!(failed.is_empty(), "files not read exactly: {failed:?}");
}
