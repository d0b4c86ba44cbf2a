//! Findings (DATA.md "Findings (JSON)"): what the rules and the importers report.

use serde::{Deserialize, Serialize};

use crate::model::{CellValue, FINDINGS_SCHEMA};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// 错误 / 提醒 / 信息.
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "提醒",
            Severity::Info => "信息",
        }
    }
}

/// Where in the input a finding comes from. Lines and columns count from 1 (columns in
/// characters); table, row and column indexes count from 0.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Workbook sheet name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Workbook cell reference (`B4`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// HTML/DOCX table index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub col: Option<u32>,
}

impl Source {
    pub fn line_col(line: u32, column: u32) -> Source {
        Source {
            line: Some(line),
            column: Some(column),
            ..Source::default()
        }
    }
}

/// One cell of a suspected mistake and the value the other cells imply.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suspect {
    pub cell: String,
    pub should_be: CellValue,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Rule id (SPEC.md §7) or import id (`I-01`…`I-05`).
    pub rule: String,
    pub severity: Severity,
    /// Chinese message.
    pub message: String,
    pub message_en: String,
    /// The cells involved, the one most likely wrong first where known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<CellValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<CellValue>,
    /// The smallest sets of cells whose change makes every identity hold (one entry: located).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suspects: Vec<Vec<Suspect>>,
    /// `not_evaluable` when the rule met a blank or non-numeric cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The source text (import findings) or the quoted sentence (narrative rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Other readings of an ambiguous value (I-02).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<CellValue>,
}

impl Finding {
    /// A finding with the required fields; the rest can be set with the builder methods.
    pub fn new(
        rule: &str,
        severity: Severity,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Finding {
        Finding {
            rule: rule.to_string(),
            severity,
            message: message.into(),
            message_en: message_en.into(),
            cells: Vec::new(),
            expected: None,
            actual: None,
            suspects: Vec::new(),
            status: None,
            source: None,
            text: None,
            alternatives: Vec::new(),
        }
    }

    pub fn with_cells<I, S>(mut self, cells: I) -> Finding
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.cells = cells.into_iter().map(Into::into).collect();
        self
    }

    pub fn with_expected(mut self, expected: CellValue, actual: CellValue) -> Finding {
        self.expected = Some(expected);
        self.actual = Some(actual);
        self
    }

    pub fn with_source(mut self, source: Source) -> Finding {
        self.source = Some(source);
        self
    }

    pub fn with_text(mut self, text: impl Into<String>) -> Finding {
        self.text = Some(text.into());
        self
    }

    pub fn not_evaluable(mut self) -> Finding {
        self.status = Some("not_evaluable".to_string());
        self
    }

    pub fn is_not_evaluable(&self) -> bool {
        self.status.as_deref() == Some("not_evaluable")
    }
}

/// The findings document `nianbao.findings/1`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FindingsDoc {
    pub schema: String,
    pub findings: Vec<Finding>,
}

impl FindingsDoc {
    pub fn new(findings: Vec<Finding>) -> FindingsDoc {
        FindingsDoc {
            schema: FINDINGS_SCHEMA.to_string(),
            findings,
        }
    }
}

/// Counts by severity: (errors, warnings, infos).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    findings
        .iter()
        .fold((0, 0, 0), |(e, w, i), f| match f.severity {
            Severity::Error => (e + 1, w, i),
            Severity::Warning => (e, w + 1, i),
            Severity::Info => (e, w, i + 1),
        })
}
