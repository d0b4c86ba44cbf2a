//! nianbao core: the report model, the two official templates, importers, rules and exporters.
//! No web dependency: everything here builds and tests natively, and the browser app, the
//! command line and the tests all call the same functions.
//!
//! The flow is one way: input bytes → [`import()`] → [`Report`] → [`check()`] → findings →
//! view / export.

pub mod a1;
#[cfg(feature = "charts")]
pub mod charts;
#[cfg(feature = "export")]
pub mod export;
pub mod finding;
pub mod import;
pub mod model;
pub mod present;
pub mod rules;
pub mod template;
pub mod text;

pub use finding::{Finding, FindingsDoc, Severity, Source, Suspect};
pub use import::{import, Imported};
pub use model::{CellKey, CellValue, Cells, DocError, ExtraRow, Report, TemplateId};

/// Runs every rule on a report (and, for the Y rules, on the same agency's previous report).
pub fn check(report: &Report, previous: Option<&Report>) -> Vec<Finding> {
    rules::check(report, previous)
}
