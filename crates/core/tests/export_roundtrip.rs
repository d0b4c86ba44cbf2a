//! Round trips (the report exported and read back is the same report), HTML safety, and the
//! exporters' robustness on odd reports.
//!
//! To add a format once its importer lands, add one line to `READERS`, e.g.
//! `(Format::Docx, |b| Some(nianbao_core::import(b, Some("r.docx")).report)),`.

use nianbao_core::export::{charts, export, export_html, Format};
use nianbao_core::{CellValue, ExtraRow, Finding, Report, Severity, TemplateId};

type Reader = fn(&[u8]) -> Option<Report>;

const READERS: &[(Format, Reader)] = &[(Format::Json, read_json), (Format::Csv, read_csv)];

/// The `report` half of the JSON export.
fn read_json(b: &[u8]) -> Option<Report> {
    let v: serde_json::Value = serde_json::from_slice(b).ok()?;
    assert_eq!(v["findings"]["schema"], "nianbao.findings/1");
    Report::from_value(&v["report"]).ok()
}

/// The CSV export read back by the CSV importer.
fn read_csv(b: &[u8]) -> Option<Report> {
    Some(nianbao_core::import(b, Some("r.csv")).report)
}

fn corpus(file: &str) -> Option<Report> {
    let path = format!(
        "{}/../../../shared/corpus/public/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    Report::from_json(&std::fs::read_to_string(path).ok()?).ok()
}

/// A report with everything that is hard to write: quotes, commas, newlines, markup, marks.
fn awkward() -> Report {
    let mut r = Report::empty(TemplateId::V2019);
    r.year = Some(2020);
    r.agency = Some("某某局, \"测试\"".into());
    r.title = Some("标题 <script>alert(1)</script>".into());
    r.date = Some("2021-01-28".into());
    r.sections.insert(
        "1".into(),
        "第一段，含逗号\n（一）第二段。\"引号\" & <b>标记</b>\n\n<script>alert(1)</script>".into(),
    );
    r.cells.insert("s2.licensing.delta", CellValue::Int(-8));
    r.cells
        .insert("s2.procurement.amount", CellValue::Dec(1234.5));
    r.cells.insert("s3.r1.natural", CellValue::Text("/".into()));
    r.cells.insert("s3.r1.total", CellValue::Int(7));
    r.cells.insert("s3.r1.commercial", CellValue::Int(3));
    r.cells.remove("s4.review.total");
    r.units.insert("s2.procurement.amount".into(), "元".into());
    r.extra_rows.push(ExtraRow {
        table: "s2".into(),
        label: "其他主动公开文件".into(),
        values: vec![CellValue::Int(56), CellValue::Blank],
    });
    r
}

#[test]
fn csv_and_json_round_trip() {
    let mut reports = vec![awkward(), Report::empty(TemplateId::V2021)];
    reports.extend(corpus("002_huaian_szf_2024.json"));
    reports.extend(corpus("000_weihai_gxj_2020.json"));
    for r in &reports {
        for (format, read) in READERS {
            let bytes = export(r, &[], *format).expect("export");
            let back = read(&bytes).unwrap_or_else(|| panic!("{format}: cannot read back"));
            assert_eq!(&back, r, "{format} round trip");
        }
    }
}

#[test]
fn html_escapes_everything_and_has_no_script() {
    let r = awkward();
    let f = vec![
        Finding::new("T3-01", Severity::Error, "总计 <script>x</script>", "x")
            .with_cells(["s3.r1.total"]),
    ];
    let html = String::from_utf8(export(&r, &f, Format::Html).expect("html")).expect("utf-8");
    assert!(!html.to_lowercase().contains("<script"), "unescaped script");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;b&gt;标记&lt;/b&gt;"));
    assert!(
        html.contains(r#"class="err""#),
        "the finding's cell is marked"
    );
    assert!(html.contains("附：发现的问题") && html.contains("T3-01"));
    assert!(html.contains("第二十条第（九）项") && html.contains("采购总金额（元）"));
    assert!(html.contains("<svg") && html.contains(r#"role="img""#));
    assert!(html.contains("表外行：其他主动公开文件 56、"));
}

#[test]
fn exports_are_deterministic_and_never_panic() {
    let mut odd = Report::default(); // no template, no year, nothing
    odd.cells
        .insert("s9.nonsense", CellValue::Text("\u{0}\u{1}<&>".into()));
    let mut dec = Report::empty(TemplateId::V2021);
    dec.cells.insert("s3.r1.total", CellValue::Dec(f64::MAX));
    for r in [odd, dec, awkward(), Report::empty(TemplateId::V2021)] {
        for format in Format::ALL {
            let a = export(&r, &[], format).expect("export");
            let b = export(&r, &[], format).expect("export");
            assert_eq!(a, b, "{format} is deterministic");
            assert!(!a.is_empty());
        }
        let prev = Report::empty(TemplateId::V2021);
        let html = export_html(&r, &[], Some(&prev));
        assert!(!html.is_empty());
        for c in charts::all(&r, Some(&prev)) {
            assert!(c.svg().starts_with("<svg"));
        }
    }
}

#[test]
fn formats_parse() {
    for f in Format::ALL {
        assert_eq!(Format::parse(f.extension()), Some(f));
        assert!(!f.mime_type().is_empty());
    }
    assert_eq!(Format::parse(".DOCX"), Some(Format::Docx));
    assert_eq!(Format::parse("pdf"), None);
}

/// Exported and imported again through the real importers (`nianbao_core::import`, format by
/// content): the JSON export gives back the whole report; the DOCX export (the official Word
/// layout) gives back the template, year, agency and every cell; the CSV and XLSX exports
/// (tables only) give back the template and every cell.
#[test]
fn exports_import_back_through_the_importers() {
    let mut reports = Vec::new();
    reports.extend(corpus("002_huaian_szf_2024.json"));
    reports.extend(corpus("000_weihai_gxj_2020.json"));
    assert_eq!(reports.len(), 2, "corpus reports not found");
    for r in &mut reports {
        r.sections
            .insert("1".into(), "本年度工作总体情况良好。".into());
        r.sections
            .insert("5".into(), "一是公开质量有待提升。".into());
        r.sections.insert("6".into(), "无。".into());
        for format in [Format::Json, Format::Csv, Format::Docx, Format::Xlsx] {
            let bytes = export(r, &[], format).expect("export");
            let name = format!("r.{}", format.extension());
            let back = nianbao_core::import(&bytes, Some(&name));
            let errors: Vec<&Finding> = back
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{format}: {errors:?}");
            let back = back.report;
            assert_eq!(back.template, r.template, "{format} template");
            assert_eq!(back.cells, r.cells, "{format} cells");
            match format {
                Format::Json => assert_eq!(&back, &*r, "{format}"),
                Format::Docx => {
                    assert_eq!(back.year, r.year, "{format} year");
                    assert_eq!(back.agency, r.agency, "{format} agency");
                }
                _ => {}
            }
        }
    }
}
