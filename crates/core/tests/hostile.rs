//! Every file of corpus/hostile gives the outcome hostile/README.md asks for, within 2 seconds
//! in an optimised build (import and check together). Unoptimised builds share two cores with
//! other jobs, so there only a gross blow-up fails.

mod common;

use std::time::{Duration, Instant};

use nianbao_core::{check, import, CellValue, Imported};
use serde_json::Value;

use common::{corpus, read};

#[cfg(not(debug_assertions))]
const LIMIT: Duration = Duration::from_secs(2);
#[cfg(debug_assertions)]
const LIMIT: Duration = Duration::from_secs(40);

/// Imports and checks a hostile file, failing when it takes longer than [`LIMIT`].
fn timed(rel: &str) -> Option<Imported> {
    let bytes = read(rel)?;
    let t = Instant::now();
    let imported = import(&bytes, rel.rsplit('/').next());
    let _ = check(&imported.report, None);
    let took = t.elapsed();
    println!("{took:>10.2?} {rel}");
    assert!(took < LIMIT, "{rel} took {took:?} (limit {LIMIT:?})");
    Some(imported)
}

fn count(r: &Imported, rule: &str) -> usize {
    r.findings.iter().filter(|f| f.rule == rule).count()
}

fn only_i04(rel: &str, r: &Imported) {
    assert_eq!(r.findings.len(), 1, "{rel}: {:?}", r.findings);
    assert_eq!(r.findings[0].rule, "I-04", "{rel}");
    assert!(r.report.cells.is_empty(), "{rel}");
}

/// The ground-truth cells of a corpus report.
fn truth_cells(rel: &str) -> serde_json::Map<String, Value> {
    let bytes = read(rel).unwrap_or_default();
    let v: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    v["cells"].as_object().cloned().unwrap_or_default()
}

/// The cells equal the ground truth except `text_cells`, which hold their text as a string.
fn cells_as_truth_except(rel: &str, r: &Imported, truth: &str, text_cells: &[(&str, &str)]) {
    let want = truth_cells(truth);
    assert!(!want.is_empty(), "{truth} has cells");
    for (key, v) in &want {
        if let Some((_, text)) = text_cells.iter().find(|(k, _)| k == key) {
            let got = r.report.cells.get(key.as_str());
            assert_eq!(got, Some(&CellValue::Text((*text).into())), "{rel}: {key}");
            continue;
        }
        let got = r
            .report
            .cells
            .get(key.as_str())
            .map(|c| serde_json::to_value(c).unwrap_or(Value::Null));
        let same = match (&got, v) {
            (Some(Value::Number(a)), Value::Number(b)) => a.as_f64() == b.as_f64(),
            (Some(a), b) => a == b,
            (None, _) => false,
        };
        assert!(same, "{rel}: {key} got {got:?}, want {v}");
    }
    assert_eq!(r.report.cells.len(), want.len(), "{rel}: invented cells");
}

#[test]
fn every_hostile_file_gives_its_outcome_in_time() {
    let Ok(dir) = std::fs::read_dir(corpus().join("hostile")) else {
        return;
    };
    let mut names: Vec<String> = dir
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n != "README.md")
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for name in &names {
        let rel = format!("hostile/{name}");
        let Some(r) = timed(&rel) else { continue };
        match name.as_str() {
            "empty.txt" | "binary.txt" | "zipbomb.docx" | "truncated.xlsx" => only_i04(&rel, &r),
            "not-a-report.txt" | "deep.html" => {
                assert!(r.report.cells.is_empty(), "{rel}");
                assert!(
                    r.findings
                        .iter()
                        .all(|f| f.rule == "I-04" || f.rule == "I-05"),
                    "{rel}: {:?}",
                    r.findings
                );
                assert!(count(&r, "I-04") <= 1 && !r.findings.is_empty(), "{rel}");
            }
            "script.html" => {
                assert_eq!(count(&r, "I-03"), 3, "{rel}: {:?}", r.findings);
                cells_as_truth_except(
                    &rel,
                    &r,
                    "public/002_huaian_szf_2024.json",
                    &[
                        ("s2.rules.repealed", "<script>alert(1)</script>"),
                        ("s3.r3_5_3.natural", "<img src=x onerror=alert(1)>"),
                        ("s3.r3_5_4.natural", "javascript:alert(1)"),
                    ],
                );
            }
            "huge-number.txt" => {
                assert_eq!(count(&r, "I-03"), 2, "{rel}: {:?}", r.findings);
                cells_as_truth_except(
                    &rel,
                    &r,
                    "public/000_weihai_gxj_2020.json",
                    &[
                        ("s2.procurement.amount", "1e309"),
                        ("s3.r1.natural", "1234567890123456789012345678901234567890"),
                    ],
                );
            }
            other => panic!("hostile/{other}: no expected outcome here; add it from README.md"),
        }
    }
}

/// 5 MB of pasted random CJK and digits (no structure) reads in bounded time: no quadratic path.
#[test]
fn five_megabytes_of_random_cjk_and_digits() {
    let size: usize = if cfg!(debug_assertions) {
        1 << 20
    } else {
        5 << 20
    };
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    // Report words among random characters, so the section and table readers get to work.
    let words = [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "本年新收政府信息公开申请数量",
        "行政复议",
        "规章",
        "自然人",
        "。",
        "\n",
        " ",
        "\t",
    ];
    let mut text = String::with_capacity(size + 64);
    while text.len() < size {
        let r = next();
        match r % 10 {
            0..=4 => text.push(char::from_u32(0x4E00 + (r >> 8) as u32 % 0x5000).unwrap_or('中')),
            5..=7 => text.push(char::from(b'0' + (r >> 8) as u8 % 10)),
            8 => text.push_str(words[(r >> 8) as usize % words.len()]),
            _ => text.push(' '),
        }
    }
    let t = Instant::now();
    let r = import(text.as_bytes(), None);
    let _ = check(&r.report, None);
    let took = t.elapsed();
    println!("5 MB random CJK + digits: {took:?}");
    let limit = if cfg!(debug_assertions) { 120.0 } else { 10.0 };
    assert!(took.as_secs_f64() < limit, "{took:?}");
}
