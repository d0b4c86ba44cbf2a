//! The plain-text importer: any layout of a copied report (web page, PDF extraction, OCR,
//! crawler) → the report document. The text is split into sections by headings, the three
//! table areas are tokenized into labels and value groups, and the groups are matched against
//! the template (see `tables`). Everything not read with certainty becomes a finding.

pub mod cells;
pub mod doc;
pub mod index;
pub mod labels;
mod s2;
mod s3;
pub mod tables;
pub mod tokens;

use super::sections::{self, Heading};
use super::{meta, Imported};
use crate::model::{Report, TemplateId};
use doc::{norm_static, Doc, Norm};

/// Markers of each template in the tables (SPEC.md §3–§4).
const V2019_MARKERS: [&str; 6] = [
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "其他对外管理服务事项",
    "采购总金额",
];
const V2021_MARKERS: [&str; 5] = [
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年收费金额",
    "申请人无正当理由逾期不补正",
];

/// The three table areas (char ranges) and where each section's narrative ends.
struct Areas {
    s2: Option<(usize, usize)>,
    s3: Option<(usize, usize)>,
    s4: Option<(usize, usize)>,
}

/// Reads a decoded plain text.
pub fn import(text: &str) -> Imported {
    let doc = Doc::new(text);
    let heads = sections::find(&doc);
    let areas = areas(&doc, &heads);
    let tail_from = sections::tail_from(&heads, doc.len());
    let meta = meta::read(&doc, heads[0].map(|h| h.body), tail_from);
    if heads.iter().all(Option::is_none)
        && areas.s2.is_none()
        && areas.s3.is_none()
        && meta.title.is_none()
    {
        return Imported::unreadable(
            "不是政府信息公开工作年度报告",
            "not a government information disclosure annual report",
        );
    }
    let table_span = match (areas.s2, areas.s4.or(areas.s3)) {
        (Some(a), Some(b)) => (a.0, b.1),
        (Some(a), None) => a,
        (None, Some(b)) => (areas.s3.map_or(b.0, |s| s.0), b.1),
        (None, None) => (0, doc.len()),
    };
    let template = detect_template(&doc, table_span, meta.year);
    let mut sink = cells::Sink::new(template);
    // Figures the prose states (before the tables) help the splitter choose among readings.
    let prose_end = areas.s2.or(areas.s3).map_or(doc.len(), |a| a.0);
    sink.split_opts.hints = super::split::prose_hints(doc.slice_str(0, prose_end), template);
    let mut any_table = [false; 3];
    // Each table's char range: its area, ending early when prose follows the table.
    let mut tables = [areas.s2, areas.s3, areas.s4];
    for (k, area) in [areas.s2, areas.s3, areas.s4].into_iter().enumerate() {
        let Some((s, e)) = area else { continue };
        let toks = tokens::tokenize(&doc, s, e);
        let groups = tokens::groups(&doc, &toks);
        if let Some(end) = prose_after(&doc, &groups, e) {
            tables[k] = Some((s, end));
        }
        let norm = Norm::new(&doc, s, e);
        match k {
            0 => {
                // The unit of 采购总金额: from its header, else written after a number.
                let unit = (template == TemplateId::V2019)
                    .then(|| tables::procurement_unit(&norm))
                    .flatten()
                    .or_else(|| groups.iter().find_map(|g| g.unit));
                if let Some(u) = unit {
                    sink.split_opts.money_unit = Some(u.to_string());
                    if template == TemplateId::V2019 {
                        sink.units.insert("s2.procurement.amount".into(), u.into());
                    }
                }
                tables::read_s2(&doc, &mut sink, template, &groups);
                tables::blank_rows(&mut sink, template, 2, &norm);
                let specs = tables::specs(template, 2);
                // A row has something when it got values or any of its cells has one.
                let has = |sink: &cells::Sink, s: &tables::RowSpec| {
                    sink.row_seen(s.first_cell()) || s.cells().any(|id| sink.has(id))
                };
                for t in crate::template::get(template).section_tables(2) {
                    let mut rows = specs.iter().filter(|s| std::ptr::eq(s.table, t));
                    if !groups.is_empty() && !rows.any(|s| has(&sink, s)) {
                        sink.missing(&format!("{}表格", t.caption), &format!("table {}", t.id));
                    }
                }
            }
            1 => {
                tables::read_s3(&doc, &mut sink, template, &groups);
                tables::blank_rows(&mut sink, template, 3, &norm);
            }
            _ => tables::read_s4(&doc, &mut sink, template, &groups),
        }
        any_table[k] = !groups.is_empty()
            || tables::specs(template, k as u8 + 2)
                .iter()
                .any(|s| s.cells().any(|id| sink.has(id)));
    }
    for (k, (zh, en)) in [
        ("主动公开政府信息情况表格", "section 2 tables"),
        ("收到和处理政府信息公开申请情况表格", "section 3 table"),
        ("行政复议、行政诉讼情况表格", "section 4 table"),
    ]
    .into_iter()
    .enumerate()
    {
        if !any_table[k] {
            sink.missing(zh, en);
        }
    }
    for (k, h) in heads.iter().enumerate() {
        if h.is_none() {
            sink.missing(
                &format!("第{}部分“{}”", k + 1, crate::template::SECTION_HEADINGS[k]),
                &format!("section {}", k + 1),
            );
        }
    }
    let mut report = Report {
        template: Some(template),
        year: meta.year,
        agency: meta.agency.clone(),
        title: meta.title.clone(),
        date: meta.date.clone(),
        ..Report::default()
    };
    report.sections = sections::narratives(&doc, &heads, meta.signature_at, |k| match k {
        1..=3 => tables[k - 1],
        _ => None,
    });
    report.cells = sink.take_cells();
    report.units = sink.units;
    report.extra_rows = sink.extra_rows;
    Imported {
        report,
        findings: sink.findings,
    }
}

/// Where the table ends when sentences follow it inside its area (they belong to the section's
/// narrative): the end of the line holding the last value, when the rest holds a `。`.
fn prose_after(doc: &Doc, groups: &[tokens::Group], area_end: usize) -> Option<usize> {
    let last = groups.iter().flat_map(|g| &g.fields).rfind(|f| !f.empty)?;
    let after = last.start + last.text.chars().count();
    let line_end = doc
        .chars
        .get(after..area_end)?
        .iter()
        .position(|c| *c == '\n')
        .map_or(area_end, |p| after + p);
    let rest = doc.slice_str(line_end, area_end);
    rest.contains('。').then_some(line_end)
}

/// Table areas: from the first table marker of each section to the next section's heading.
fn areas(doc: &Doc, heads: &[Option<Heading>; 6]) -> Areas {
    let span = |k: usize| -> Option<(usize, usize)> {
        heads[k].map(|h| (h.body, sections::end_of(heads, k, doc.len())))
    };
    let find_first = |range: (usize, usize), markers: &[&'static str]| -> Option<usize> {
        let norm = Norm::new(doc, range.0, range.1);
        markers
            .iter()
            .filter_map(|m| norm.find(norm_static(m), 0))
            .min()
            .map(|p| {
                let at = norm.doc_index(p, range.1);
                match doc.chars.get(at.wrapping_sub(1)) {
                    Some('(' | '（') if at > range.0 => at - 1,
                    _ => at,
                }
            })
    };
    const S2: [&str; 2] = ["第二十条", "信息内容"];
    const S3: [&str; 3] = [
        "本列数据的勾稽关系",
        "申请人情况",
        "本年新收政府信息公开申请数量",
    ];
    let whole = (0, doc.len());
    let s2 = span(1)
        .or_else(|| find_first(whole, &S2).map(|s| (s, span(2).map_or(doc.len(), |x| x.0))))
        .and_then(|r| find_first(r, &S2).map(|s| (s, r.1)));
    let s3 = span(2)
        .or_else(|| {
            let from = s2.map_or(0, |x| x.1);
            find_first((from, doc.len()), &S3).map(|s| (s, span(3).map_or(doc.len(), |x| x.0)))
        })
        .and_then(|r| find_first(r, &S3).map(|s| (s, r.1)));
    let s4 = span(3);
    Areas { s2, s3, s4 }
}

/// The template from the tables' own wording; the year decides only a tie.
fn detect_template(doc: &Doc, span: (usize, usize), year: Option<i32>) -> TemplateId {
    let norm = Norm::new(doc, span.0, span.1);
    let count = |ms: &[&'static str]| {
        ms.iter()
            .filter(|m| norm.find(norm_static(m), 0).is_some())
            .count()
    };
    let (a, b) = (count(&V2019_MARKERS), count(&V2021_MARKERS));
    if a > b {
        TemplateId::V2019
    } else if b > a {
        TemplateId::V2021
    } else {
        year.map_or(TemplateId::V2021, TemplateId::for_year)
    }
}
