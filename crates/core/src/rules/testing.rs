//! Small synthetic reports for the rules' unit tests.

use crate::finding::{Finding, Severity};
use crate::model::{CellValue, Report, TemplateId};
use crate::template;

use super::{Context, Rule};

/// A report of the template with every cell 0 and the year of its template.
pub(crate) fn zeros(t: TemplateId) -> Report {
    let mut r = Report::empty(t);
    for c in template::get(t).cells() {
        r.cells.insert(c.key.clone(), CellValue::Int(0));
    }
    r.year = Some(match t {
        TemplateId::V2019 => 2020,
        TemplateId::V2021 => 2024,
    });
    r
}

pub(crate) fn set(r: &mut Report, key: &str, v: i64) {
    r.cells.insert(key.to_string(), CellValue::Int(v));
}

pub(crate) fn set_value(r: &mut Report, key: &str, v: CellValue) {
    r.cells.insert(key.to_string(), v);
}

/// Sets one row of table 3 (the 总计 column computed).
pub(crate) fn s3_row(r: &mut Report, row: &str, vals: [i64; 6]) {
    let cols = crate::template::S3_COLUMNS.iter().map(|d| d.key);
    for (c, v) in cols.zip(vals) {
        set(r, &format!("s3.{row}.{c}"), v);
    }
    set(r, &format!("s3.{row}.total"), vals.iter().sum());
}

pub(crate) fn run(rule: &Rule, r: &Report) -> Vec<Finding> {
    run_prev(rule, r, None)
}

pub(crate) fn run_prev(rule: &Rule, r: &Report, prev: Option<&Report>) -> Vec<Finding> {
    let cx = Context::new(r, prev);
    let mut out = Vec::new();
    (rule.check)(&cx, &mut out);
    out
}

/// Findings that are not `not_evaluable`.
pub(crate) fn fired(rule: &Rule, r: &Report) -> Vec<Finding> {
    run(rule, r)
        .into_iter()
        .filter(|f| !f.is_not_evaluable())
        .collect()
}

pub(crate) fn errors(f: &[Finding]) -> usize {
    f.iter().filter(|f| f.severity == Severity::Error).count()
}
