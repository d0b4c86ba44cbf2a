//! The consistency rules of SPEC.md §7. One rule is one unit: id, severity, title, doc, check.

use crate::finding::{Finding, Severity};
use crate::model::Report;

/// One rule.
pub struct Rule {
    /// Public, stable id (`T3-01`).
    pub id: &'static str,
    pub severity: Severity,
    /// Short Chinese title.
    pub title: &'static str,
    pub title_en: &'static str,
    /// What it checks, why, and an example that fails (Markdown).
    pub doc: &'static str,
    pub check: fn(&Context, &mut Vec<Finding>),
}

/// What a rule sees.
pub struct Context<'a> {
    pub report: &'a Report,
    pub previous: Option<&'a Report>,
}

/// Every rule, in id order.
pub fn all() -> &'static [Rule] {
    &[]
}

/// Runs every rule.
pub fn check(report: &Report, previous: Option<&Report>) -> Vec<Finding> {
    let cx = Context { report, previous };
    let mut out = Vec::new();
    for rule in all() {
        (rule.check)(&cx, &mut out);
    }
    out
}
