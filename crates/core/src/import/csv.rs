//! CSV of two columns: `key,value` with DATA.md keys, or a label path and a value
//! (`第二十条第（一）项/规章/本年制发件数`, `三、本年度办理结果/（三）不予公开/1.属于国家秘密/自然人`,
//! `行政诉讼/未经复议直接起诉/总计`), in UTF-8 or GB18030 (RFC 4180 quoting).

use super::encoding::Bom;
use super::gb18030;
use super::grid::{detect_template, label_is, match_s3, Grid, GridCell};
use super::Imported;
use crate::finding::{Finding, Severity, Source};
use crate::model::{CellValue, Cells, ExtraRow, Report, TemplateId};
use crate::template::{self, Layout};
use crate::text::{normalize_label, strip_notes};

/// Largest CSV accepted (bytes).
pub const MAX_CSV_BYTES: usize = 16 << 20;

/// One record and the line it starts on (1-based).
pub struct Record {
    pub line: u32,
    pub fields: Vec<String>,
}

/// Reads a CSV file.
pub fn import(bytes: &[u8]) -> Imported {
    if bytes.len() > MAX_CSV_BYTES {
        return Imported::unreadable("CSV 文件过大", "CSV input too large");
    }
    let Some(text) = decode(bytes) else {
        return Imported::unreadable("无法识别 CSV 的文字编码", "unknown CSV text encoding");
    };
    let mut records = parse(&text);
    // `key,value` or, as this tool exports it, `key,label,value`: the value column is the one
    // whose header says so, else the second.
    let value_col = records
        .first()
        .and_then(|r| {
            r.fields.iter().position(|f| {
                matches!(
                    f.trim().to_ascii_lowercase().as_str(),
                    "value" | "数值" | "值"
                )
            })
        })
        .unwrap_or(1);
    if records
        .first()
        .is_some_and(|r| r.fields.get(value_col).is_some_and(|v| is_header(v)))
    {
        records.remove(0);
    }
    let pairs: Vec<(&Record, &str, &str)> = records
        .iter()
        .filter_map(|r| {
            Some((
                r,
                r.fields.first()?.as_str(),
                r.fields.get(value_col)?.as_str(),
            ))
        })
        .filter(|(_, k, _)| !k.trim().is_empty())
        .collect();
    if pairs.is_empty() {
        return Imported::unreadable("CSV 中没有数据", "no data in the CSV");
    }
    let template = template_of(&pairs);
    let mut imported = Imported::default();
    let mut cells = Cells::new();
    for (rec, key, raw) in pairs {
        let label = rec.fields.get(1).map(String::as_str).unwrap_or("");
        if document_field(&mut imported.report, key, label, raw) {
            continue;
        }
        let source = Source::line_col(rec.line, 1);
        let Some(key) = key_of(key, template, &cells) else {
            if CellValue::parse(raw).is_number() {
                imported.findings.push(
                    Finding::new(
                        "I-01",
                        Severity::Warning,
                        format!("“{key}” 不是模板中的单元格，数值 {raw} 无法对应"),
                        format!("\"{key}\" is not a template cell; the value {raw} was not placed"),
                    )
                    .with_source(source)
                    .with_text(format!("{key},{raw}")),
                );
            }
            continue;
        };
        let v = CellValue::parse(raw);
        if let CellValue::Text(t) = &v {
            if !v.is_mark() {
                imported
                    .findings
                    .push(super::not_a_number(&key, t, Source::line_col(rec.line, 2)));
            }
        }
        cells.insert(key, v);
    }
    imported.report.template = imported.report.template.or(template);
    imported.report.cells = cells;
    imported
}

/// The rows of this tool's own CSV export that are not cells (`schema`, `template`, `year`,
/// `agency`, `title`, `date`, `sections.N`, `units.KEY`, `extra_rows.I.TABLE`): read into the
/// report, so that an exported CSV imports back whole. False for any other key.
fn document_field(r: &mut Report, key: &str, label: &str, value: &str) -> bool {
    match key {
        "schema" => r.schema = value.to_string(),
        "template" => r.template = TemplateId::parse(value),
        "year" => r.year = value.trim().parse().ok(),
        "agency" => r.agency = Some(value.to_string()),
        "title" => r.title = Some(value.to_string()),
        "date" => r.date = Some(value.to_string()),
        _ => {
            if let Some(n) = key.strip_prefix("sections.") {
                r.sections.insert(n.to_string(), value.to_string());
            } else if let Some(k) = key.strip_prefix("units.") {
                r.units.insert(k.to_string(), value.to_string());
            } else if let Some(rest) = key.strip_prefix("extra_rows.") {
                let table = rest.rsplit('.').next().unwrap_or(rest);
                let values = if value.is_empty() {
                    Vec::new()
                } else {
                    value.split('|').map(CellValue::parse).collect()
                };
                r.extra_rows.push(ExtraRow {
                    table: table.to_string(),
                    label: label.to_string(),
                    values,
                });
            } else {
                return false;
            }
        }
    }
    true
}

/// True when the text is a two-column CSV whose first column holds DATA.md keys or
/// template label paths (`…/…`).
pub fn is_csv(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 << 10)];
    let head = match head.iter().rposition(|b| *b == b'\n') {
        Some(i) if head.len() < bytes.len() => &head[..i],
        _ => head,
    };
    let Some(text) = decode(head) else {
        return false;
    };
    let records = parse(&text);
    let data: Vec<&Record> = records.iter().skip(1).take(20).collect();
    !data.is_empty()
        && data.iter().all(|r| r.fields.len() >= 2)
        && data
            .iter()
            .filter(|r| is_key(&r.fields[0]) || r.fields[0].contains('/'))
            .count()
            * 2
            > data.len()
}

fn is_header(v: &str) -> bool {
    let v = CellValue::parse(v);
    !(v.is_number() || v.is_mark() || v == CellValue::Blank)
}

/// UTF-8 (BOM optional), UTF-16 with BOM, else GB18030 when it decodes cleanly.
pub fn decode(bytes: &[u8]) -> Option<String> {
    if let Some((bom, len)) = Bom::of(bytes) {
        return bom.decode(bytes.get(len..).unwrap_or_default());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    gb18030::decode(bytes).filter(|s| !s.contains('\0'))
}

/// RFC 4180 records: `"` quoting with `""` escapes, CRLF or LF, line breaks inside quotes.
pub fn parse(text: &str) -> Vec<Record> {
    let mut out = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let (mut line, mut start_line) = (1u32, 1u32);
    let (mut quoted, mut was_quoted) = (false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') if field.is_empty() && !was_quoted => {
                quoted = true;
                was_quoted = true;
            }
            (false, ',') => {
                fields.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n' | '\r') => {
                fields.push(std::mem::take(&mut field));
                was_quoted = false;
                if fields.iter().any(|f| !f.is_empty()) {
                    out.push(Record {
                        line: start_line,
                        fields: std::mem::take(&mut fields),
                    });
                }
                fields.clear();
                line += 1;
                start_line = line;
            }
            (false, c) => field.push(c),
        }
    }
    fields.push(field);
    if fields.iter().any(|f| !f.is_empty()) {
        out.push(Record {
            line: start_line,
            fields,
        });
    }
    out
}

fn is_key(k: &str) -> bool {
    template::find_cell(k.trim()).is_some()
}

/// From the keys (DATA.md keys name their template) or from the labels of the paths.
fn template_of(pairs: &[(&Record, &str, &str)]) -> Option<TemplateId> {
    let in_t = |t: TemplateId| {
        pairs
            .iter()
            .filter(|(_, k, _)| template::get(t).cell(k.trim()).is_some())
            .count()
    };
    let (a, b) = (in_t(TemplateId::V2019), in_t(TemplateId::V2021));
    if a != b {
        return Some(if a > b {
            TemplateId::V2019
        } else {
            TemplateId::V2021
        });
    }
    let rows = pairs
        .iter()
        .map(|(_, k, v)| {
            k.split('/')
                .chain(std::iter::once(*v))
                .map(|t| GridCell {
                    text: t.to_string(),
                    ..GridCell::default()
                })
                .collect()
        })
        .collect();
    detect_template(&[Grid { rows }])
}

/// The DATA.md key of a key or label path.
fn key_of(path: &str, template: Option<TemplateId>, done: &Cells) -> Option<String> {
    if is_key(path) {
        return Some(path.trim().to_string());
    }
    let segs: Vec<String> = path
        .split('/')
        .map(|s| normalize_label(&strip_notes(s)))
        .filter(|s| !s.is_empty())
        .collect();
    let t = template::get(template.unwrap_or(TemplateId::V2021));
    let first = segs.first()?;
    let last = segs.last()?;
    let col_is = |c: &template::ColDef| {
        std::iter::once(c.label)
            .chain(c.aliases.iter().copied())
            .any(|l| normalize_label(&strip_notes(l)) == *last || normalize_label(l) == *last)
    };
    if first.starts_with("第二十条") || t.tables.iter().any(|td| s2_row(td, segs.get(0..1))) {
        let rest = if first.starts_with("第二十条") {
            1
        } else {
            0
        };
        let row = segs.get(rest)?;
        let td = t
            .tables
            .iter()
            .find(|td| td.layout == Layout::Section2 && td.rows.iter().any(|r| label_is(row, r)))?;
        let rd = td.rows.iter().find(|r| label_is(row, r))?;
        let cd = td.columns.iter().find(|c| col_is(c))?;
        return Some(format!("s2.{}.{}", rd.key, cd.key));
    }
    let td = t.table(if first == "行政复议" || first == "行政诉讼" {
        "s4"
    } else {
        "s3"
    })?;
    let cd = td.columns.iter().find(|c| col_is(c))?;
    let labels: Vec<String> = segs[..segs.len() - 1]
        .iter()
        .filter(|s| *s != "法人或其他组织" && *s != "行政诉讼")
        .cloned()
        .collect();
    if td.id == "s4" {
        let rd = td
            .rows
            .iter()
            .find(|r| labels.last().is_some_and(|l| label_is(l, r)))?;
        return Some(format!("s4.{}.{}", rd.key, cd.key));
    }
    let used: Vec<String> = done
        .keys()
        .filter(|k| k.ends_with(&format!(".{}", cd.key)))
        .filter_map(|k| Some(k.strip_prefix("s3.")?.split('.').next()?.to_string()))
        .collect();
    let rd = match_s3(&labels, template, &used)?;
    Some(format!("s3.{}.{}", rd.key, cd.key))
}

fn s2_row(td: &template::TableDef, first: Option<&[String]>) -> bool {
    td.layout == Layout::Section2
        && first
            .and_then(|f| f.first())
            .is_some_and(|f| td.rows.iter().any(|r| label_is(f, r)))
}
