//! Standalone HTML: one file, inline CSS and SVG charts, no script. Every piece of report text
//! is escaped. Print CSS for A4 (rows never split, table headers repeated); the findings as an
//! appendix table; cells with findings marked by colour and symbol.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::charts::{self, chart_table_html, Chart};
use super::layout::{self, Content, Grid};
use super::{esc, marked_cells, paragraphs};
use crate::finding::{self, Finding, Severity};
use crate::model::{CellValue, Report};
use crate::template::{self, SECTION_HEADINGS};

type Marks = BTreeMap<String, (Severity, Vec<String>)>;

pub fn write(report: &Report, findings: &[Finding], previous: Option<&Report>) -> String {
    let title = super::title_of(report);
    let marks = marked_cells(findings);
    let grids = layout::grids(super::template_of(report), report);
    let all = charts::all(report, previous);
    let chart = |id: &str| all.iter().find(|c| c.id == id);
    let mut b = String::new();
    let _ = write!(
        b,
        r#"<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="nianbao"><title>{t}</title><style>{CSS}</style></head><body><main class="paper"><h1>{t}</h1>"#,
        t = esc(&title)
    );
    verdict(&mut b, findings);
    for (i, heading) in SECTION_HEADINGS.iter().enumerate() {
        let n = i + 1;
        let _ = write!(b, r#"<section id="s{n}"><h2>{}</h2>"#, esc(heading));
        for line in paragraphs(report.section(n as u8)) {
            let _ = write!(b, "<p>{}</p>", esc(line));
        }
        for g in grids.iter().filter(|g| usize::from(g.section) == n) {
            table(&mut b, g, report, &marks);
            for note in super::extra_notes(report, g.id) {
                let _ = write!(b, r#"<p class="note">{}</p>"#, esc(&note));
            }
        }
        let ids: &[&str] = match n {
            2 => &["nb-chart-s2"],
            3 => &[
                "nb-chart-applicants",
                "nb-chart-results",
                "nb-chart-reasons",
            ],
            4 => &["nb-chart-appeals", "nb-chart-yoy"],
            _ => &[],
        };
        for c in ids
            .iter()
            .filter_map(|id| chart(id))
            .filter(|c| c.has_data())
        {
            figure(&mut b, c);
        }
        b.push_str("</section>");
    }
    if let Some((agency, date)) = super::signature(report) {
        let _ = write!(
            b,
            r#"<div class="sign"><p>{}</p><p>{}</p></div>"#,
            esc(agency),
            esc(&date)
        );
    }
    appendix(&mut b, report, findings);
    b.push_str("</main></body></html>\n");
    b
}

fn verdict(b: &mut String, findings: &[Finding]) {
    let (e, w, _) = finding::counts(findings);
    let (class, text) = match (e, w) {
        (0, 0) => ("ok", "✓ 未发现错误或提醒".to_string()),
        (0, w) => ("warn", format!("⚠ 未发现计算错误，{w} 处提醒")),
        (e, 0) => ("err", format!("✕ {e} 处错误")),
        (e, w) => ("err", format!("✕ {e} 处错误，{w} 处提醒")),
    };
    let _ = write!(
        b,
        r#"<p class="verdict {class}">{} · 详见附录</p>"#,
        esc(&text)
    );
}

fn table(b: &mut String, g: &Grid, report: &Report, marks: &Marks) {
    let _ = write!(b, r#"<table class="nb-table {}"><colgroup>"#, g.id);
    let total: u32 = g.widths.iter().sum::<u32>().max(1);
    for w in &g.widths {
        let _ = write!(
            b,
            r#"<col style="width:{:.2}%">"#,
            f64::from(*w) * 100.0 / f64::from(total)
        );
    }
    b.push_str("</colgroup><thead>");
    for r in 0..g.rows {
        if r == g.header_rows {
            b.push_str("</thead><tbody>");
        }
        b.push_str("<tr>");
        let mut cells: Vec<_> = g.cells.iter().filter(|c| c.row == r).collect();
        cells.sort_by_key(|c| c.col);
        for c in cells {
            let span = match (c.rowspan, c.colspan) {
                (1, 1) => String::new(),
                (rs, 1) => format!(r#" rowspan="{rs}""#),
                (1, cs) => format!(r#" colspan="{cs}""#),
                (rs, cs) => format!(r#" rowspan="{rs}" colspan="{cs}""#),
            };
            match &c.content {
                Content::Caption(t) => {
                    let _ = write!(
                        b,
                        r#"<th class="cap" scope="colgroup"{span}>{}</th>"#,
                        esc(t)
                    );
                }
                Content::Header(t) => {
                    let _ = write!(b, r#"<th scope="col"{span}>{}</th>"#, esc(t));
                }
                Content::Label(t) => {
                    let _ = write!(b, r#"<th scope="row" class="lbl"{span}>{}</th>"#, esc(t));
                }
                Content::Value(k) => {
                    let v = report.cells.get(k).map(|v| v.display()).unwrap_or_default();
                    match marks.get(k) {
                        Some((sev, rules)) => {
                            let (cls, sym) = if *sev == Severity::Error {
                                ("err", "✕")
                            } else {
                                ("warn", "⚠")
                            };
                            let _ = write!(
                                b,
                                r#"<td class="{cls}" title="{}"{span}><span class="sym" aria-label="{}">{sym}</span>{}</td>"#,
                                esc(&rules.join(" ")),
                                esc(sev.zh()),
                                esc(&v)
                            );
                        }
                        None => {
                            let cls = match report.cells.get(k) {
                                None | Some(CellValue::Blank) => r#" class="blank" title="未填""#,
                                _ => "",
                            };
                            let _ = write!(b, "<td{cls}{span}>{}</td>", esc(&v));
                        }
                    }
                }
            }
        }
        b.push_str("</tr>");
    }
    b.push_str("</tbody></table>");
}

fn figure(b: &mut String, c: &Chart) {
    let _ = write!(
        b,
        r#"<figure class="chart">{}<figcaption>{}</figcaption><details><summary>查看数据</summary>{}</details></figure>"#,
        c.svg(),
        esc(&c.title),
        chart_table_html(c)
    );
}

fn appendix(b: &mut String, report: &Report, findings: &[Finding]) {
    b.push_str(r#"<section class="appendix"><h2>附：发现的问题</h2>"#);
    if findings.is_empty() {
        b.push_str("<p>未发现问题。</p></section>");
        return;
    }
    b.push_str(r#"<table class="findings"><thead><tr><th scope="col">规则</th><th scope="col">级别</th><th scope="col">说明</th><th scope="col">涉及单元格</th></tr></thead><tbody>"#);
    let t = template::get(super::template_of(report));
    for f in findings {
        let cells: Vec<String> = f
            .cells
            .iter()
            .map(|k| t.cell(k).map(|c| c.name()).unwrap_or_else(|| k.clone()))
            .collect();
        let _ = write!(
            b,
            r#"<tr class="{}"><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            f.severity.as_str(),
            esc(&f.rule),
            esc(f.severity.zh()),
            esc(&f.message),
            esc(&cells.join("；"))
        );
    }
    b.push_str("</tbody></table></section>");
}

const CSS: &str = r#"
:root{--ink:#1f2328;--err:#b42318;--warn:#b54708;--ok:#067647;--grey:#667085}
body{margin:0;background:#eceef1;color:var(--ink);font-family:"Noto Serif CJK SC","Songti SC",SimSun,serif;font-size:16px;line-height:1.7}
.paper{max-width:860px;margin:24px auto;background:#fbfbf8;padding:48px 56px;border:1px solid #d0d5dd}
h1{font-size:26px;text-align:center;font-weight:700;margin:0 0 8px;line-height:1.4}
h2{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;font-size:18px;margin:32px 0 8px}
p{margin:0 0 8px;text-indent:2em;text-align:justify}
.verdict{text-indent:0;text-align:center;font-family:system-ui,"Noto Sans CJK SC",sans-serif;font-size:14px;padding:4px 8px;border-radius:4px}
.verdict.ok{color:var(--ok);background:#ecfdf3}.verdict.warn{color:var(--warn);background:#fffaeb}.verdict.err{color:var(--err);background:#fef3f2}
table{border-collapse:collapse;width:100%;table-layout:fixed;margin:16px 0;font-size:13px;line-height:1.4;font-variant-numeric:tabular-nums}
th,td{border:1px solid #1f2328;padding:4px 6px;vertical-align:middle}
th{font-weight:400;text-align:center}th.lbl{text-align:left}th.cap{text-align:left;background:#c6d9f1}
td{text-align:center}
td.blank{background:repeating-linear-gradient(135deg,#f2f4f7 0 4px,#fff 4px 8px)}
td.err{background:#fef3f2;outline:2px solid var(--err);outline-offset:-2px}
td.warn{background:#fffaeb;outline:2px solid var(--warn);outline-offset:-2px}
.sym{font-size:10px;margin-right:2px}td.err .sym{color:var(--err)}td.warn .sym{color:var(--warn)}
.s4 th,.s4 td{font-size:12px;padding:4px 2px}
figure.chart{margin:16px 0;break-inside:avoid}figure.chart svg{max-width:100%;height:auto}
figcaption{font-size:13px;color:var(--grey);text-align:center}
details{font-size:13px}summary{cursor:pointer;color:var(--grey)}
.note{text-indent:0;font-size:13px;color:var(--grey)}
.sign{margin-top:48px;text-align:right;padding-right:2em}.sign p{text-indent:0;text-align:right;margin:0}
.findings td{text-align:left}.findings tr.error td:nth-child(2){color:var(--err)}.findings tr.warning td:nth-child(2){color:var(--warn)}
@page{size:A4;margin:37mm 26mm 35mm 28mm}
@media print{body{background:#fff}.paper{margin:0;padding:0;border:0;max-width:none;background:#fff}tr,figure{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}details{display:none}h2{break-after:avoid}.appendix{break-before:page}}
"#;
