//! The built `nianbao` binary: exit codes, JSON output, usage errors.

use std::path::PathBuf;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn tmp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write temp file");
    p
}

/// A 2021 report with every cell 0, written by `nianbao template 2021`, then edited.
fn zero_report(edit: &[(&str, i64)]) -> String {
    let o = run(&["template", "2021"]);
    let mut v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("template is JSON");
    if let Some(cells) = v.get_mut("cells").and_then(|c| c.as_object_mut()) {
        for (_, c) in cells.iter_mut() {
            *c = serde_json::json!(0);
        }
        for (k, n) in edit {
            cells.insert(k.to_string(), serde_json::json!(n));
        }
    }
    v["year"] = serde_json::json!(2024);
    v["date"] = serde_json::json!("2025-01-20");
    v.to_string()
}

#[test]
fn rules_json_lists_every_id() {
    let o = run(&["rules", "--json"]);
    assert_eq!(code(&o), 0);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("rules --json is JSON");
    let ids: Vec<&str> = v
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|r| r.get("id").and_then(|i| i.as_str()))
        .collect();
    let mut want = Vec::new();
    for (p, n) in [
        ("S", 12),
        ("T2", 10),
        ("T3", 9),
        ("T4", 5),
        ("X", 11),
        ("Y", 6),
        ("M", 3),
        ("I", 5),
    ] {
        for i in 1..=n {
            want.push(format!("{p}-{i:02}"));
        }
    }
    for w in &want {
        assert!(ids.contains(&w.as_str()), "{w} missing");
    }
    assert_eq!(ids.len(), want.len());
    let text = run(&["rules"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("T3-01"));
}

#[test]
fn template_output_parses() {
    for t in ["2021", "2019"] {
        let o = run(&["template", t]);
        assert_eq!(code(&o), 0);
        let text = String::from_utf8(o.stdout).expect("utf-8");
        let r = nianbao_core::Report::from_json(&text).expect("a report document");
        assert_eq!(r.template.map(|t| t.as_str()), Some(t));
    }
    assert_eq!(code(&run(&["template", "2017"])), 2);
}

#[test]
fn check_exit_codes() {
    let good = tmp("good.json", &zero_report(&[]));
    let o = run(&["check", good.to_str().unwrap_or("")]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stdout));
    assert!(String::from_utf8_lossy(&o.stdout).contains("勾稽关系全部通过"));

    let bad = tmp(
        "bad.json",
        &zero_report(&[("s4.review.upheld", 10), ("s4.review.corrected", 1)]),
    );
    let o = run(&["check", bad.to_str().unwrap_or("")]);
    assert_eq!(code(&o), 1);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("1 处错误"), "{out}");
    assert!(
        out.contains("行政复议总计应为 11（10+1+0+0），报告填写 0"),
        "{out}"
    );
}

#[test]
fn check_json_lines() {
    let good = tmp("good2.json", &zero_report(&[]));
    let bad = tmp("bad2.json", &zero_report(&[("s4.review.total", 3)]));
    let o = run(&[
        "check",
        "--json",
        good.to_str().unwrap_or(""),
        bad.to_str().unwrap_or(""),
    ]);
    assert_eq!(code(&o), 1);
    let text = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["file"]
        .as_str()
        .is_some_and(|f| f.ends_with("good2.json")));
    assert_eq!(lines[0]["report"]["schema"], "nianbao.report/1");
    let rules: Vec<&str> = lines[1]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(rules.contains(&"T4-01"));
}

#[test]
fn previous_report_is_used() {
    let prev = tmp(
        "prev.json",
        &zero_report(&[
            ("s3.r4.natural", 2),
            ("s3.r4.total", 2),
            ("s3.r1.natural", 2),
            ("s3.r1.total", 2),
        ]),
    );
    let cur = tmp("cur.json", &zero_report(&[]));
    let o = run(&[
        "check",
        cur.to_str().unwrap_or(""),
        "--previous",
        prev.to_str().unwrap_or(""),
    ]);
    assert_eq!(code(&o), 0);
    assert!(String::from_utf8_lossy(&o.stdout).contains("Y-01"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["--frob"],
        vec!["check", "--frob", "x.json"],
        vec!["frobnicate"],
        vec!["check"],
        vec!["check", "--previous"],
        vec!["rules", "Z-99"],
    ] {
        let o = run(&args);
        assert_eq!(code(&o), 2, "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{err}");
        assert!(!err.trim().is_empty(), "{args:?}: nothing on stderr");
    }
}

#[test]
fn unreadable_inputs_exit_2() {
    let o = run(&["check", "/nonexistent/report.json"]);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("文件不存在"));
    let empty = tmp("empty.json", "");
    assert_eq!(code(&run(&["check", empty.to_str().unwrap_or("")])), 2);
    let garbage = tmp("garbage.bin", "\u{0}\u{1}binary");
    assert_eq!(code(&run(&["check", garbage.to_str().unwrap_or("")])), 2);
}

#[test]
fn help_and_version() {
    let o = run(&["--help"]);
    assert_eq!(code(&o), 0);
    assert!(String::from_utf8_lossy(&o.stdout).contains("nianbao check"));
    let o = run(&["--version"]);
    assert_eq!(code(&o), 0);
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("nianbao "));
}
