//! Writes every export of a report document: `cargo run -p nianbao-core --example export_demo
//! -- report.json out_dir [previous.json]`.

use nianbao_core::export::{export, export_html, Format};
use nianbao_core::{CellValue, Finding, Report, Severity};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: export_demo report.json out_dir [previous.json]");
        return;
    };
    let read =
        |p: &str| Report::from_json(&std::fs::read_to_string(p).expect("read")).expect("report");
    let mut r = read(input);
    let prev = args.get(3).map(|p| read(p));
    if r.date.is_none() {
        r.date = Some("2025-01-20".into());
    }
    let findings = vec![
        Finding::new(
            "T3-01",
            Severity::Error,
            "本年新收申请总计应为 3119，报告填写 3119（示例）",
            "example",
        )
        .with_cells(["s3.r1.total"])
        .with_expected(CellValue::Int(3119), CellValue::Int(3119)),
        Finding::new(
            "X-01",
            Severity::Warning,
            "正文与表格不一致（示例）",
            "example",
        )
        .with_cells(["s4.review.total"]),
    ];
    std::fs::create_dir_all(out).expect("out dir");
    for f in Format::ALL {
        let bytes = if f == Format::Html {
            export_html(&r, &findings, prev.as_ref())
        } else {
            export(&r, &findings, f).expect("export")
        };
        let path = format!("{out}/report.{}", f.extension());
        std::fs::write(&path, &bytes).expect("write");
        println!("{path}: {} bytes", bytes.len());
    }
}
