//! The report document `nianbao.report/1` of DATA.md: what every importer produces, every rule
//! reads and every exporter writes.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

mod cells;
pub use cells::{CellKey, Cells};

/// The schema id written into every report document.
pub const REPORT_SCHEMA: &str = "nianbao.report/1";
/// The schema id of the findings document.
pub const FINDINGS_SCHEMA: &str = "nianbao.findings/1";

/// Which official format a report follows (SPEC.md §1.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TemplateId {
    /// 国办公开办函〔2019〕60号, report years 2019–2020.
    V2019,
    /// 国办公开办函〔2021〕30号, report years 2021 onward.
    V2021,
}

impl TemplateId {
    /// The id as DATA.md writes it: `"2019"` or `"2021"`.
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateId::V2019 => "2019",
            TemplateId::V2021 => "2021",
        }
    }

    /// Parses `"2019"` / `"2021"` (also `V2019`, `v2021`).
    pub fn parse(s: &str) -> Option<TemplateId> {
        match s.trim().trim_start_matches(['V', 'v']) {
            "2019" => Some(TemplateId::V2019),
            "2021" => Some(TemplateId::V2021),
            _ => None,
        }
    }

    /// The template a report of this year must use (S-03).
    pub fn for_year(year: i32) -> TemplateId {
        if year <= 2020 {
            TemplateId::V2019
        } else {
            TemplateId::V2021
        }
    }
}

impl fmt::Display for TemplateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for TemplateId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for TemplateId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        let s = match &v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        TemplateId::parse(&s)
            .ok_or_else(|| de::Error::custom("template must be \"2019\" or \"2021\""))
    }
}

/// One cell's value. A blank is never a zero: it stays [`CellValue::Blank`].
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    /// A count or a signed delta (`+44` is 44).
    Int(i64),
    /// A number with decimals (money).
    Dec(f64),
    /// Nothing written in the source.
    Blank,
    /// What the source wrote when it is not a number: `/`, `-`, `—`, `无`, or unreadable text,
    /// kept verbatim.
    Text(String),
}

impl CellValue {
    /// The numeric value, if the cell holds a number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            CellValue::Int(i) => Some(*i as f64),
            CellValue::Dec(d) => Some(*d),
            _ => None,
        }
    }

    /// The integer value, if the cell holds an integer.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            CellValue::Int(i) => Some(*i),
            _ => None,
        }
    }

    pub fn is_number(&self) -> bool {
        matches!(self, CellValue::Int(_) | CellValue::Dec(_))
    }

    /// A mark that means "not applicable" (`/`, `-`, `—`, `－`, `无` …).
    pub fn is_mark(&self) -> bool {
        matches!(self, CellValue::Text(t) if is_mark(t))
    }

    /// How the value is shown to a person ("" for blank).
    pub fn display(&self) -> String {
        match self {
            CellValue::Int(i) => i.to_string(),
            CellValue::Dec(d) => format_decimal(*d),
            CellValue::Blank => String::new(),
            CellValue::Text(t) => t.clone(),
        }
    }

    /// Reads a value as typed by a person or printed in a report: full-width digits, thousands
    /// separators, surrounding spaces and a leading `+` are normalised away; a blank is
    /// [`CellValue::Blank`]; anything else that is not a plain number is kept as text.
    pub fn parse(raw: &str) -> CellValue {
        // Most cells are plain ASCII digits: read them without normalising first.
        // At most 15 digits: the value fits an i64 with room to spare.
        if (1..=15).contains(&raw.len()) {
            let mut v = 0i64;
            let digits = raw.bytes().all(|b| {
                v = v * 10 + i64::from(b.wrapping_sub(b'0'));
                b.is_ascii_digit()
            });
            if digits {
                return CellValue::Int(v);
            }
        }
        let s = crate::text::normalize_number_text(raw);
        if s.is_empty() {
            return CellValue::Blank;
        }
        parse_plain_number(&s).unwrap_or_else(|| CellValue::Text(raw.trim().to_string()))
    }
}

/// `1`, `-8`, `+44`, `96171.6`, `1,234` (already normalised to ASCII). Numbers too large to hold
/// exactly are not numbers: they stay text (no overflow, no rounding, no `inf`).
fn parse_plain_number(s: &str) -> Option<CellValue> {
    let body = s.strip_prefix('+').unwrap_or(s);
    let (neg, digits) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let digits: String = if is_grouped(digits) {
        digits.replace(',', "")
    } else {
        digits.to_string()
    };
    if digits.is_empty() {
        return None;
    }
    let (int_part, frac_part) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits.as_str(), None),
    };
    if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match frac_part {
        None => {
            if int_part.len() > 15 {
                return None;
            }
            let v: i64 = int_part.parse().ok()?;
            Some(CellValue::Int(if neg { -v } else { v }))
        }
        Some(f) => {
            if f.is_empty()
                || !f.bytes().all(|b| b.is_ascii_digit())
                || int_part.len() + f.len() > 15
            {
                return None;
            }
            let v: f64 = digits.parse().ok()?;
            Some(CellValue::Dec(if neg { -v } else { v }))
        }
    }
}

/// `1,234,567` style grouping (commas every three digits before the point).
fn is_grouped(s: &str) -> bool {
    if !s.contains(',') {
        return false;
    }
    let int_part = s.split('.').next().unwrap_or("");
    let groups: Vec<&str> = int_part.split(',').collect();
    groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
}

/// True for the not-applicable marks of SPEC.md §6.
pub fn is_mark(t: &str) -> bool {
    matches!(
        t.trim(),
        "/" | "／" | "-" | "－" | "—" | "——" | "–" | "无" | "\\" | "—/—" | "--" | "×"
    )
}

/// Shortest text that reads back as the same decimal (`96171.6`, not `96171.60000000001`).
pub fn format_decimal(d: f64) -> String {
    if d.fract() == 0.0 && d.abs() < 1e15 {
        format!("{d:.1}")
    } else {
        format!("{d}")
    }
}

impl Serialize for CellValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            CellValue::Int(i) => s.serialize_i64(*i),
            CellValue::Dec(d) => s.serialize_f64(*d),
            CellValue::Blank => s.serialize_none(),
            CellValue::Text(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for CellValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        CellValue::from_json(&v).map_err(de::Error::custom)
    }
}

impl CellValue {
    /// From a JSON value of a report document: integer, number, null or string.
    pub fn from_json(v: &serde_json::Value) -> Result<CellValue, String> {
        use serde_json::Value;
        match v {
            Value::Null => Ok(CellValue::Blank),
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    Ok(CellValue::Int(i))
                } else if let Some(f) = n.as_f64().filter(|f| f.is_finite()) {
                    Ok(CellValue::Dec(f))
                } else {
                    Err(format!("number {n} is out of range"))
                }
            }
            Value::String(s) => Ok(CellValue::Text(s.clone())),
            Value::Bool(_) => {
                Err("a cell value must be a number, null or a string, not true/false".into())
            }
            Value::Array(_) | Value::Object(_) => {
                Err("a cell value must be a number, null or a string, not a list or object".into())
            }
        }
    }
}

/// A row that is not in the template (provincial extra rows, subtotal rows, a 2019-style
/// （六）其他处理 row inside a 2021 table). The rules judge it; it never goes into `cells`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExtraRow {
    /// `s2`, `s3` or `s4`.
    pub table: String,
    /// The row label as printed.
    pub label: String,
    /// The values in column order.
    #[serde(default)]
    pub values: Vec<CellValue>,
}

/// The report document `nianbao.report/1`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema: String,
    /// `None` when the importer could not tell (not a report, or no table at all).
    pub template: Option<TemplateId>,
    pub year: Option<i32>,
    pub agency: Option<String>,
    pub title: Option<String>,
    /// The 落款 date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Narrative text per section, keys `"1"`…`"6"` (tables excluded).
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    /// Every template cell the source holds; a key the source lacks entirely is absent.
    #[serde(default)]
    pub cells: Cells,
    /// Units where the template leaves them open (`s2.procurement.amount`: `元` or `万元`).
    #[serde(default)]
    pub units: BTreeMap<String, String>,
    #[serde(default)]
    pub extra_rows: Vec<ExtraRow>,
}

impl Default for Report {
    fn default() -> Self {
        Report {
            schema: REPORT_SCHEMA.to_string(),
            template: None,
            year: None,
            agency: None,
            title: None,
            date: None,
            sections: BTreeMap::new(),
            cells: Cells::new(),
            units: BTreeMap::new(),
            extra_rows: Vec::new(),
        }
    }
}

impl Report {
    /// An empty report of a template: every cell present and blank.
    pub fn empty(template: TemplateId) -> Report {
        let mut r = Report {
            template: Some(template),
            ..Report::default()
        };
        for cell in crate::template::get(template).cells() {
            r.cells.insert(cell.key.clone(), CellValue::Blank);
        }
        for n in 1..=6 {
            r.sections.insert(n.to_string(), String::new());
        }
        r
    }

    /// The value of a cell; `None` when the source lacks the cell entirely.
    pub fn cell(&self, key: &str) -> Option<&CellValue> {
        self.cells.get(key)
    }

    /// The number in a cell, if it holds one.
    pub fn num(&self, key: &str) -> Option<f64> {
        self.cells.get(key).and_then(CellValue::as_f64)
    }

    /// A section's narrative text ("" when absent).
    pub fn section(&self, n: u8) -> &str {
        // The keys of sections 0–9 without formatting them (the rules ask on every check).
        const KEYS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
        let key = KEYS.get(usize::from(n)).map(|k| Cow::Borrowed(*k));
        let key = key.unwrap_or_else(|| Cow::Owned(n.to_string()));
        self.sections.get(key.as_ref()).map_or("", String::as_str)
    }

    /// Serialises the document (pretty JSON).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a report document, checking every field with a message that names it.
    pub fn from_json(text: &str) -> Result<Report, DocError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| DocError {
            field: None,
            message: format!("不是有效的 JSON（第 {} 行第 {} 列）", e.line(), e.column()),
            message_en: format!(
                "not valid JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            ),
        })?;
        Report::from_value(&value)
    }

    /// Reads a report document from parsed JSON (see [`Report::from_json`]).
    pub fn from_value(value: &serde_json::Value) -> Result<Report, DocError> {
        use serde_json::Value;
        let obj = value.as_object().ok_or_else(|| {
            DocError::field(
                "",
                "文档应为 JSON 对象",
                "the document must be a JSON object",
            )
        })?;
        let mut r = Report::default();
        match obj.get("schema") {
            Some(Value::String(s)) if s == REPORT_SCHEMA => {}
            Some(Value::String(s)) => {
                return Err(DocError::field(
                    "schema",
                    &format!("不支持的文档类型 “{s}”，应为 {REPORT_SCHEMA}"),
                    &format!("unsupported schema \"{s}\", expected {REPORT_SCHEMA}"),
                ))
            }
            // Ground-truth files and hand-written documents often omit the schema.
            None if obj.contains_key("cells") => {}
            _ => {
                return Err(DocError::field(
                    "schema",
                    &format!("缺少 schema 字段（应为 {REPORT_SCHEMA}）"),
                    &format!("missing field schema (expected {REPORT_SCHEMA})"),
                ))
            }
        }
        r.template = match obj.get("template") {
            None | Some(Value::Null) => None,
            Some(v) => Some(serde_json::from_value(v.clone()).map_err(|_| {
                DocError::field(
                    "template",
                    "template 应为 \"2019\" 或 \"2021\"",
                    "template must be \"2019\" or \"2021\"",
                )
            })?),
        };
        r.year =
            match obj.get("year") {
                None | Some(Value::Null) => None,
                Some(v) => Some(v.as_i64().and_then(|y| i32::try_from(y).ok()).ok_or_else(
                    || DocError::field("year", "year 应为整数年份", "year must be an integer"),
                )?),
            };
        r.agency = opt_string(obj, "agency")?;
        r.title = opt_string(obj, "title")?;
        r.date = opt_string(obj, "date")?;
        if let Some(v) = obj.get("sections").filter(|v| !v.is_null()) {
            let m = v.as_object().ok_or_else(|| {
                DocError::field(
                    "sections",
                    "sections 应为对象",
                    "sections must be an object",
                )
            })?;
            for (k, v) in m {
                let s = v.as_str().ok_or_else(|| {
                    DocError::field(
                        &format!("sections.{k}"),
                        "章节内容应为字符串",
                        "section text must be a string",
                    )
                })?;
                r.sections.insert(k.clone(), s.to_string());
            }
        }
        if let Some(v) = obj.get("cells").filter(|v| !v.is_null()) {
            let m = v.as_object().ok_or_else(|| {
                DocError::field("cells", "cells 应为对象", "cells must be an object")
            })?;
            for (k, v) in m {
                let cv = CellValue::from_json(v).map_err(|e| {
                    DocError::field(
                        &format!("cells.{k}"),
                        &format!("单元格 {k} 的值无效：{e}"),
                        &e,
                    )
                })?;
                r.cells.insert(k.clone(), cv);
            }
        }
        if let Some(v) = obj.get("units").filter(|v| !v.is_null()) {
            let m = v.as_object().ok_or_else(|| {
                DocError::field("units", "units 应为对象", "units must be an object")
            })?;
            for (k, v) in m {
                let s = v.as_str().ok_or_else(|| {
                    DocError::field(
                        &format!("units.{k}"),
                        "单位应为字符串",
                        "a unit must be a string",
                    )
                })?;
                r.units.insert(k.clone(), s.to_string());
            }
        }
        if let Some(v) = obj.get("extra_rows").filter(|v| !v.is_null()) {
            r.extra_rows = serde_json::from_value(v.clone()).map_err(|e| {
                DocError::field(
                    "extra_rows",
                    "extra_rows 格式无效",
                    &format!("extra_rows is malformed: {e}"),
                )
            })?;
        }
        Ok(r)
    }
}

fn opt_string(
    obj: &serde_json::Map<String, serde_json::Value>,
    field: &str,
) -> Result<Option<String>, DocError> {
    match obj.get(field) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(DocError::field(
            field,
            &format!("{field} 应为字符串"),
            &format!("{field} must be a string"),
        )),
    }
}

/// Why a report document could not be read: the field, in Chinese and English.
#[derive(Clone, Debug, PartialEq)]
pub struct DocError {
    pub field: Option<String>,
    pub message: String,
    pub message_en: String,
}

impl DocError {
    fn field(field: &str, message: &str, message_en: &str) -> DocError {
        DocError {
            field: (!field.is_empty()).then(|| field.to_string()),
            message: message.to_string(),
            message_en: message_en.to_string(),
        }
    }
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.message, self.message_en)
    }
}

impl std::error::Error for DocError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cell_values() {
        assert_eq!(CellValue::parse("12"), CellValue::Int(12));
        assert_eq!(CellValue::parse(" +44 "), CellValue::Int(44));
        assert_eq!(CellValue::parse("-8"), CellValue::Int(-8));
        assert_eq!(CellValue::parse("１２３"), CellValue::Int(123));
        assert_eq!(CellValue::parse("1,234"), CellValue::Int(1234));
        assert_eq!(CellValue::parse("96171.6"), CellValue::Dec(96171.6));
        assert_eq!(CellValue::parse(""), CellValue::Blank);
        assert_eq!(CellValue::parse("\u{3000}"), CellValue::Blank);
        assert_eq!(CellValue::parse("/"), CellValue::Text("/".into()));
        assert!(CellValue::parse("无").is_mark());
        let huge = "1234567890123456789012345678901234567890";
        assert_eq!(CellValue::parse(huge), CellValue::Text(huge.into()));
        assert_eq!(CellValue::parse("1e309"), CellValue::Text("1e309".into()));
    }

    #[test]
    fn report_round_trips() {
        let mut r = Report::empty(TemplateId::V2021);
        r.year = Some(2024);
        r.cells.insert("s2.fees.amount", CellValue::Dec(96171.6));
        r.cells.insert("s3.r1.natural", CellValue::Int(3001));
        r.cells
            .insert("s2.rules.issued", CellValue::Text("/".into()));
        r.extra_rows.push(ExtraRow {
            table: "s2".into(),
            label: "其他主动公开文件".into(),
            values: vec![CellValue::Int(56), CellValue::Blank],
        });
        let back = Report::from_json(&r.to_json()).expect("round trip");
        assert_eq!(back, r);
    }

    #[test]
    fn bad_documents_name_the_field() {
        let e = Report::from_json(r#"{"schema":"nianbao.report/1","year":"x"}"#).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("year"));
        let e = Report::from_json(r#"{"schema":"nianbao.report/1","cells":{"s3.r1.natural":[1]}}"#)
            .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("cells.s3.r1.natural"));
        let e = Report::from_json(r#"{"schema":"other"}"#).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("schema"));
        assert!(Report::from_json("{").is_err());
    }
}
