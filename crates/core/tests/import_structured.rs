//! The structured importers (HTML, DOCX, XLSX, CSV, PDF, zip) over the shared corpus.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::read;
use nianbao_core::finding::Severity;
use nianbao_core::import::{self, Imported};
use nianbao_core::{CellValue, Cells};

type Importer = fn(&[u8]) -> Imported;

/// Release builds take well under the corpus's 2 s; debug builds get a generous margin.
const LIMIT: Duration = Duration::from_secs(10);

fn path(rel: &str) -> PathBuf {
    common::corpus().join(rel)
}

fn truth(rel: &str) -> BTreeMap<String, CellValue> {
    let text = std::fs::read_to_string(path(rel)).unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    v["cells"]
        .as_object()
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), CellValue::from_json(v).ok()?)))
                .collect()
        })
        .unwrap_or_default()
}

fn run(rel: &str, f: fn(&[u8]) -> Imported) -> Option<Imported> {
    let bytes = read(rel)?;
    let t0 = Instant::now();
    let out = f(&bytes);
    assert!(t0.elapsed() < LIMIT, "{rel}: took {:?}", t0.elapsed());
    Some(out)
}

fn diff(rel: &str, got: &Cells, want: &BTreeMap<String, CellValue>) {
    let mut bad = Vec::new();
    for (k, w) in want {
        if got.get(k) != Some(w) {
            bad.push(format!("{k}: got {:?}, want {w:?}", got.get(k)));
        }
    }
    for k in got.keys().filter(|k| !want.contains_key(*k)) {
        bad.push(format!("{k}: unexpected"));
    }
    assert!(
        bad.is_empty(),
        "{rel}: {} differences:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

fn errors(i: &Imported) -> usize {
    i.findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count()
}

fn rules(i: &Imported, rule: &str) -> usize {
    i.findings.iter().filter(|f| f.rule == rule).count()
}

fn expect_cells(rel: &str, json: &str, f: fn(&[u8]) -> Imported) -> Option<Imported> {
    let got = run(rel, f)?;
    diff(rel, &got.report.cells, &truth(json));
    assert_eq!(errors(&got), 0, "{rel}: {:?}", got.findings);
    assert_eq!(
        rules(&got, "I-01") + rules(&got, "I-03"),
        0,
        "{rel}: {:?}",
        got.findings
    );
    Some(got)
}

#[test]
fn html_pages() {
    for name in [
        "002_pingtan_gwh_2025",
        "004_pingtan_jjpq_2020",
        "005_pingtan_jtjsj_2024",
        "008_pingtan_xzspj_2023",
        "009_pingtan_gwh_2023",
    ] {
        let html = format!("html/{name}.html");
        let Some(got) = expect_cells(&html, &format!("html/{name}.json"), import::html::import)
        else {
            continue;
        };
        let v: serde_json::Value =
            serde_json::from_slice(&read(&format!("html/{name}.json")).unwrap_or_default())
                .unwrap_or_default();
        assert_eq!(
            got.report.template.map(|t| t.as_str().to_string()),
            v["template"].as_str().map(String::from),
            "{name}"
        );
        assert_eq!(got.report.year.map(i64::from), v["year"].as_i64(), "{name}");
        assert_eq!(got.report.agency.as_deref(), v["agency"].as_str(), "{name}");
        assert_eq!(got.report.date.as_deref(), v["date"].as_str(), "{name}");
        let units: BTreeMap<String, String> =
            serde_json::from_value(v["units"].clone()).unwrap_or_default();
        assert_eq!(got.report.units, units, "{name}");
    }
}

#[test]
fn html_script_injection() {
    let Some(got) = run("hostile/script.html", import::html::import) else {
        return;
    };
    let mut want = truth("public/002_huaian_szf_2024.json");
    let injected = [
        ("s2.rules.repealed", "<script>alert(1)</script>"),
        ("s3.r3_5_3.natural", "<img src=x onerror=alert(1)>"),
        ("s3.r3_5_4.natural", "javascript:alert(1)"),
    ];
    for (k, t) in injected {
        want.insert(k.into(), CellValue::Text(t.into()));
    }
    diff("script.html", &got.report.cells, &want);
    let i03: Vec<_> = got.findings.iter().filter(|f| f.rule == "I-03").collect();
    assert_eq!(i03.len(), 3, "{:?}", got.findings);
    for (k, t) in injected {
        assert!(
            i03.iter()
                .any(|f| f.cells == [k] && f.text.as_deref() == Some(t)),
            "{k}"
        );
    }
    assert_eq!(errors(&got), 0);
    assert!(got.report.section(1).contains("政府信息公开申请3119件"));
    assert!(got
        .report
        .section(5)
        .contains("（页面注入测试：<script>alert(1)</script>）"));
}

#[test]
fn html_deep_nesting() {
    let Some(got) = run("hostile/deep.html", import::html::import) else {
        return;
    };
    assert!(got.report.cells.is_empty());
    assert_eq!(errors(&got), 1);
}

#[test]
fn docx_filled_and_blank() {
    if let Some(got) = expect_cells(
        "docx/002_huaian_szf_2024.docx",
        "docx/002_huaian_szf_2024.json",
        import::docx::import,
    ) {
        assert_eq!(got.report.year, Some(2024));
        assert_eq!(got.report.agency.as_deref(), Some("淮安市人民政府"));
        assert_eq!(got.report.date, None);
        assert!(!got.report.section(1).contains("本报告由"));
    }
    let Some(blank) = run("docx/template-2021-blank.docx", import::docx::import) else {
        return;
    };
    assert_eq!(blank.report.template.map(|t| t.as_str()), Some("2021"));
    assert_eq!(blank.report.cells.len(), 200);
    assert!(blank.report.cells.values().all(|v| *v == CellValue::Blank));
    assert_eq!(errors(&blank), 0, "{:?}", blank.findings);
    assert_eq!(rules(&blank, "I-03"), 0);
}

#[test]
fn xlsx_workbook() {
    expect_cells(
        "xlsx/002_huaian_szf_2024.xlsx",
        "xlsx/002_huaian_szf_2024.json",
        import::xlsx::import,
    );
}

#[test]
fn zip_hostile() {
    for (rel, f) in [
        (
            "hostile/zipbomb.docx",
            import::docx::import as fn(&[u8]) -> Imported,
        ),
        ("hostile/truncated.xlsx", import::xlsx::import),
        ("hostile/zipbomb.docx", import::zip::import),
        ("hostile/truncated.xlsx", import::zip::import),
    ] {
        let Some(got) = run(rel, f) else {
            continue;
        };
        assert_eq!(got.findings.len(), 1, "{rel}: {:?}", got.findings);
        assert_eq!(got.findings[0].rule, "I-04", "{rel}");
        assert!(got.report.cells.is_empty());
    }
}

#[test]
fn csv_keys_and_label_paths() {
    for name in ["002_huaian_szf_2024", "002_huaian_szf_2024_gbk"] {
        if let Some(got) = expect_cells(
            &format!("csv/{name}.csv"),
            &format!("csv/{name}.json"),
            import::csv::import,
        ) {
            assert_eq!(
                got.report.template.map(|t| t.as_str()),
                Some("2021"),
                "{name}"
            );
        }
    }
}

#[test]
fn csv_quoting_and_unknown_rows() {
    let got = import::csv::import(
        "key,value\r\n\"s4.review.total\",\"1,234\"\r\ns4.review.upheld,abc\r\nnot.a.key,5\r\n"
            .as_bytes(),
    );
    assert_eq!(
        got.report.cells.get("s4.review.total"),
        Some(&CellValue::Int(1234))
    );
    assert_eq!(rules(&got, "I-03"), 1);
    assert_eq!(rules(&got, "I-01"), 1);
}

#[test]
fn pdf_text() {
    let Some(bytes) = read("pdf/002_huaian_szf_2024.pdf") else {
        return;
    };
    let t0 = Instant::now();
    let text = import::pdf::extract_text(&bytes);
    assert!(t0.elapsed() < LIMIT);
    if cfg!(feature = "pdf") {
        let text = text.unwrap_or_default();
        assert!(
            text.contains("政府信息公开"),
            "{}",
            &text[..text.len().min(500)]
        );
        assert!(text.contains("3119"));
        let got = import::pdf::import(&bytes);
        assert_eq!(errors(&got), 0);
        assert_eq!(got.report.year, Some(2024));
        // Cells: once the plain-text importer is wired, compare with pdf/002_huaian_szf_2024.json.
    } else {
        assert!(text.is_err());
    }
    for bad in [&b""[..], b"%PDF-1.7\n garbage", b"not a pdf at all"] {
        let got = import::pdf::import(bad);
        assert_eq!(got.findings.len(), 1);
        assert_eq!(got.findings[0].rule, "I-04");
    }
    let mut cut = bytes.clone();
    cut.truncate(bytes.len() / 2);
    cut.extend_from_slice(b"\n%%EOF\n");
    let got = import::pdf::import(&cut);
    assert!(got.findings.iter().any(|f| f.rule == "I-04") || got.report.year.is_some());
}

#[test]
fn sniffing() {
    for (rel, html, csv) in [
        ("html/002_pingtan_gwh_2025.html", true, false),
        ("hostile/script.html", true, false),
        ("csv/002_huaian_szf_2024.csv", false, true),
        ("csv/002_huaian_szf_2024_gbk.csv", false, true),
        ("public/002_huaian_szf_2024.txt", false, false),
    ] {
        let Some(b) = read(rel) else { continue };
        assert_eq!(import::html::is_html(&b), html, "{rel}");
        assert_eq!(import::csv::is_csv(&b), csv, "{rel}");
    }
    assert!(import::zip::is_zip(
        &read("docx/002_huaian_szf_2024.docx").unwrap_or_default()
    ));
    assert!(import::pdf::is_pdf(
        &read("pdf/002_huaian_szf_2024.pdf").unwrap_or_default()
    ));
}

#[test]
fn hostile_bytes_give_one_unreadable() {
    let binary = read("hostile/binary.txt").unwrap_or_default();
    let importers: [(&str, Importer); 6] = [
        ("html", import::html::import),
        ("csv", import::csv::import),
        ("zip", import::zip::import),
        ("docx", import::docx::import),
        ("xlsx", import::xlsx::import),
        ("pdf", import::pdf::import),
    ];
    for (name, f) in importers {
        for input in [&b""[..], &binary] {
            let t0 = Instant::now();
            let got = f(input);
            assert!(t0.elapsed() < LIMIT);
            assert_eq!(got.findings.len(), 1, "{name}: {:?}", got.findings);
            assert_eq!(got.findings[0].rule, "I-04", "{name}");
            assert!(got.report.cells.is_empty(), "{name}");
        }
    }
}

/// An extra column in section 3's table (a 法人或其他组织 subtotal) in an HTML table: one
/// S-05 naming it, and each of its numbers an I-01 (the same as the text importer does).
#[test]
fn html_extra_s3_column_is_named_and_its_numbers_kept() {
    let html = "<html><body><p>二、主动公开政府信息情况</p>\
        <p>三、收到和处理政府信息公开申请情况</p><table>\
        <tr><td rowspan=2>申请人情况</td><td rowspan=2>自然人</td><td colspan=6>法人或其他组织</td><td rowspan=2>总计</td></tr>\
        <tr><td>小计</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>\
        <tr><td>一、本年新收政府信息公开申请数量</td><td>5</td><td>3</td><td>1</td><td>2</td><td>0</td><td>0</td><td>0</td><td>8</td></tr>\
        <tr><td>二、上年结转政府信息公开申请数量</td><td>1</td><td>2</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>\
        </table></body></html>";
    let r = import::import(html.as_bytes(), Some("x.html"));
    assert_eq!(
        r.report.cells.get("s3.r1.commercial"),
        Some(&CellValue::Int(1))
    );
    assert_eq!(r.report.cells.get("s3.r2.total"), Some(&CellValue::Int(3)));
    let s05: Vec<_> = r.findings.iter().filter(|f| f.rule == "S-05").collect();
    assert_eq!(s05.len(), 1, "{:?}", r.findings);
    assert_eq!(s05[0].text.as_deref(), Some("小计"));
    let i01: Vec<_> = r.findings.iter().filter(|f| f.rule == "I-01").collect();
    let texts: Vec<_> = i01.iter().filter_map(|f| f.text.as_deref()).collect();
    assert_eq!(texts, ["3", "2"], "{i01:?}");
    assert!(i01
        .iter()
        .all(|f| f.source.as_ref().is_some_and(|s| s.table.is_some())));
}
