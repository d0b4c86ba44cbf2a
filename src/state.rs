//! The app's state as plain types with methods: the document being checked (report, import
//! findings, edited cells, undo/redo) and the functions that shape findings for the screen
//! (which cells to mark, how to group findings, the verdict). No view code here; every function
//! is tested natively.

use std::collections::{BTreeMap, BTreeSet};

use nianbao_core::{CellValue, Finding, Imported, Report, Severity};
use serde::{Deserialize, Serialize};

/// The localStorage key of the saved draft.
pub const DRAFT_KEY: &str = "nianbao.draft.v1";

/// One undoable change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// A template cell: `None` means the key was absent from the report.
    Cell {
        key: String,
        #[serde(with = "opt_cell")]
        before: Option<CellValue>,
        #[serde(with = "opt_cell")]
        after: Option<CellValue>,
        session: u32,
    },
    /// A section's narrative text (`1`…`6`).
    Section {
        n: u8,
        before: String,
        after: String,
        session: u32,
    },
}

/// `Option<CellValue>` in JSON without losing a blank: an absent cell is `null`, a present one
/// a one-element list (`[null]` is a blank cell).
mod opt_cell {
    use nianbao_core::CellValue;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<CellValue>, s: S) -> Result<S::Ok, S::Error> {
        v.as_ref().map(std::slice::from_ref).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<CellValue>, D::Error> {
        Ok(Option::<Vec<CellValue>>::deserialize(d)?.and_then(|v| v.into_iter().next()))
    }
}

impl Edit {
    fn session(&self) -> u32 {
        match self {
            Edit::Cell { session, .. } | Edit::Section { session, .. } => *session,
        }
    }

    /// The cell key or `section.N` this edit touches.
    pub fn target(&self) -> String {
        match self {
            Edit::Cell { key, .. } => key.clone(),
            Edit::Section { n, .. } => format!("section.{n}"),
        }
    }
}

/// The document on screen: what was imported, and what the user changed since.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    pub report: Report,
    /// What the importer could not read with certainty (I-01…I-05); kept as imported.
    pub import_findings: Vec<Finding>,
    /// Cell keys and `section.N` targets the user has changed.
    pub edited: BTreeSet<String>,
    /// The same agency's report of the year before (上年年报), for the cross-year rules (Y-…)
    /// and the year-over-year chart. Not edited and not part of the undo history; saved with
    /// the draft (absent in drafts saved before it existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Report>,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

impl Doc {
    pub fn new(imported: Imported) -> Doc {
        Doc {
            report: imported.report,
            import_findings: imported.findings,
            edited: BTreeSet::new(),
            previous: None,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    /// True when the importer could not read the input as a report at all.
    pub fn unreadable(&self) -> bool {
        self.report.template.is_none()
    }

    /// Sets a cell. Edits of the same cell within one editing `session` (one focus of the
    /// input) merge into one undo step.
    pub fn edit_cell(&mut self, key: &str, value: CellValue, session: u32) {
        let old = self.report.cells.insert(key.to_string(), value.clone());
        self.edited.insert(key.to_string());
        self.redo.clear();
        if let Some(Edit::Cell {
            key: k,
            before,
            after,
            session: s,
        }) = self.undo.last_mut()
        {
            if k == key && *s == session {
                // Typing back the old value (or Esc) leaves nothing to undo.
                if *before == Some(value.clone()) {
                    self.undo.pop();
                } else {
                    *after = Some(value);
                }
                return;
            }
        }
        if old.as_ref() != Some(&value) {
            self.undo.push(Edit::Cell {
                key: key.to_string(),
                before: old,
                after: Some(value),
                session,
            });
        }
    }

    /// Sets a section's narrative text (same merging as [`Doc::edit_cell`]).
    pub fn edit_section(&mut self, n: u8, text: String, session: u32) {
        let old = self
            .report
            .sections
            .insert(n.to_string(), text.clone())
            .unwrap_or_default();
        self.edited.insert(format!("section.{n}"));
        self.redo.clear();
        if let Some(Edit::Section {
            n: m,
            after,
            session: s,
            ..
        }) = self.undo.last_mut()
        {
            if *m == n && *s == session {
                *after = text;
                return;
            }
        }
        if old != text {
            self.undo.push(Edit::Section {
                n,
                before: old,
                after: text,
                session,
            });
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last edit; returns what it touched.
    pub fn undo(&mut self) -> Option<String> {
        let edit = self.undo.pop()?;
        self.apply(&edit, true);
        let target = edit.target();
        self.redo.push(edit);
        Some(target)
    }

    /// Redoes the last undone edit; returns what it touched.
    pub fn redo(&mut self) -> Option<String> {
        let edit = self.redo.pop()?;
        self.apply(&edit, false);
        let target = edit.target();
        self.undo.push(edit);
        Some(target)
    }

    /// The editing session of the newest undo step (0 when none), so a new session can start
    /// above it after a reload.
    pub fn last_session(&self) -> u32 {
        self.undo
            .iter()
            .chain(&self.redo)
            .map(Edit::session)
            .max()
            .unwrap_or(0)
    }

    fn apply(&mut self, edit: &Edit, back: bool) {
        match edit {
            Edit::Cell {
                key, before, after, ..
            } => {
                let v = if back { before } else { after };
                match v {
                    Some(v) => self.report.cells.insert(key.clone(), v.clone()),
                    None => self.report.cells.remove(key),
                };
            }
            Edit::Section {
                n, before, after, ..
            } => {
                let v = if back { before } else { after };
                self.report.sections.insert(n.to_string(), v.clone());
            }
        }
    }

    /// Every finding: the import findings, then the rules' findings on the current report
    /// (the cross-year rules too when a previous report is loaded).
    pub fn findings(&self) -> Vec<Finding> {
        let mut all = self.import_findings.clone();
        if !self.unreadable() {
            all.extend(nianbao_core::check(&self.report, self.previous.as_ref()));
        }
        all
    }

    /// The draft as stored in localStorage.
    pub fn to_storage(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A stored draft; `None` when missing or unreadable (an old or damaged draft is dropped).
    pub fn from_storage(text: &str) -> Option<Doc> {
        serde_json::from_str(text).ok()
    }
}

/// A report read for the 上年年报 slot: the report, or why it cannot serve (the importer's
/// I-04 message, Chinese and English) when it was not recognised as a report at all. Import
/// findings of a readable report (I-01…) are not shown: only the current report's are.
pub fn previous_from(imported: Imported) -> Result<Report, (String, String)> {
    if imported.report.template.is_some() {
        return Ok(imported.report);
    }
    let i04 = imported.findings.iter().find(|f| f.rule == "I-04");
    Err(match i04 {
        Some(f) => (f.message.clone(), f.message_en.clone()),
        None => (
            "未找到年报的表格".to_string(),
            "no table of the annual report was found".to_string(),
        ),
    })
}

/// Why a previous report may not belong with the report on screen. Shown as warnings; the
/// report is still used (the Y rules compare whatever they are given).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PreviousMismatch {
    /// Both years are known and the previous one is not `current - 1`.
    Year { current: i32, previous: i32 },
    /// The year of one of the two reports is unknown.
    YearUnknown,
    /// The two reports name different agencies (whitespace ignored).
    Agency { current: String, previous: String },
}

/// What does not fit between the report on screen and its 上年年报.
pub fn previous_mismatches(current: &Report, previous: &Report) -> Vec<PreviousMismatch> {
    let mut out = Vec::new();
    match (current.year, previous.year) {
        (Some(c), Some(p)) if p.checked_add(1) != Some(c) => out.push(PreviousMismatch::Year {
            current: c,
            previous: p,
        }),
        (Some(_), Some(_)) => {}
        _ => out.push(PreviousMismatch::YearUnknown),
    }
    let squeeze = |a: &Option<String>| {
        a.as_deref()
            .map(|a| a.chars().filter(|c| !c.is_whitespace()).collect::<String>())
            .filter(|a| !a.is_empty())
    };
    if let (Some(c), Some(p)) = (squeeze(&current.agency), squeeze(&previous.agency)) {
        if c != p {
            out.push(PreviousMismatch::Agency {
                current: c,
                previous: p,
            });
        }
    }
    out
}

/// How a cell is marked in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// Part of a failing identity, not the likely mistake.
    Involved,
    /// A rule could not be evaluated because of this cell.
    NotEvaluable,
    Warning,
    Error,
}

impl Mark {
    pub fn class(self) -> &'static str {
        match self {
            Mark::Involved => "is-involved",
            Mark::NotEvaluable => "is-na",
            Mark::Warning => "is-warning",
            Mark::Error => "is-error",
        }
    }
}

/// The mark of each cell named by the findings: the likely mistakes (the suspects when the
/// finding locates one, else its first cell) get the finding's severity, the other cells of the
/// identity are `Involved`; cells of a not-evaluable finding are `NotEvaluable`. The strongest
/// mark wins.
pub fn cell_marks(findings: &[Finding]) -> BTreeMap<String, Mark> {
    let mut marks: BTreeMap<String, Mark> = BTreeMap::new();
    let mut put = |key: &str, m: Mark| {
        let e = marks.entry(key.to_string()).or_insert(m);
        *e = (*e).max(m);
    };
    for f in findings {
        if f.is_not_evaluable() || f.severity == Severity::Info {
            for c in &f.cells {
                put(c, Mark::NotEvaluable);
            }
            continue;
        }
        let strong = match f.severity {
            Severity::Error => Mark::Error,
            _ => Mark::Warning,
        };
        let located: Vec<&str> = match f.suspects.as_slice() {
            [one] => one.iter().map(|s| s.cell.as_str()).collect(),
            _ => f.cells.first().map(String::as_str).into_iter().collect(),
        };
        for c in &f.cells {
            put(c, Mark::Involved);
        }
        for c in located {
            put(c, strong);
        }
    }
    marks
}

/// Findings grouped by rule: errors first, then warnings, then the rest; within a severity by
/// rule id. Each group holds indexes into `findings`.
pub fn group_by_rule(findings: &[Finding]) -> Vec<(String, Vec<usize>)> {
    let mut groups: Vec<(String, Severity, Vec<usize>)> = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        let sev = if f.is_not_evaluable() {
            Severity::Info
        } else {
            f.severity
        };
        match groups
            .iter_mut()
            .find(|(r, s, _)| *r == f.rule && *s == sev)
        {
            Some((_, _, v)) => v.push(i),
            None => groups.push((f.rule.clone(), sev, vec![i])),
        }
    }
    groups.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    groups.into_iter().map(|(r, _, v)| (r, v)).collect()
}

/// Counts for the verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    /// Not evaluable and other information.
    pub infos: usize,
}

pub fn counts(findings: &[Finding]) -> Counts {
    let mut c = Counts::default();
    for f in findings {
        match f.severity {
            _ if f.is_not_evaluable() => c.infos += 1,
            Severity::Error => c.errors += 1,
            Severity::Warning => c.warnings += 1,
            Severity::Info => c.infos += 1,
        }
    }
    c
}

/// The one-line answer at the top (DESIGN.md "The verdict").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Errors {
        errors: usize,
        warnings: usize,
    },
    WarningsOnly {
        warnings: usize,
    },
    /// The input could not be read as a report: the I-04 message, if any.
    Unreadable {
        message: String,
        message_en: String,
    },
}

pub fn verdict(doc: &Doc, findings: &[Finding]) -> Verdict {
    if doc.unreadable() {
        let i04 = findings.iter().find(|f| f.rule == "I-04");
        return Verdict::Unreadable {
            message: i04.map(|f| f.message.clone()).unwrap_or_default(),
            message_en: i04.map(|f| f.message_en.clone()).unwrap_or_default(),
        };
    }
    let c = counts(findings);
    match (c.errors, c.warnings) {
        (0, 0) => Verdict::Pass,
        (0, w) => Verdict::WarningsOnly { warnings: w },
        (e, w) => Verdict::Errors {
            errors: e,
            warnings: w,
        },
    }
}

/// A typed value is acceptable when it is a number, blank or a not-applicable mark.
pub fn value_is_valid(v: &CellValue) -> bool {
    !matches!(v, CellValue::Text(_)) || v.is_mark()
}

/// Extra rows (not in the template) of one table (`s2`, `s3`, `s4`), with their indexes.
pub fn extra_rows_of<'a>(
    report: &'a Report,
    table: &'a str,
) -> impl Iterator<Item = &'a nianbao_core::ExtraRow> + 'a {
    report.extra_rows.iter().filter(move |e| e.table == table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_core::{Suspect, TemplateId};

    fn doc() -> Doc {
        Doc::new(Imported {
            report: Report::empty(TemplateId::V2021),
            findings: Vec::new(),
        })
    }

    #[test]
    fn edits_in_one_session_are_one_undo_step() {
        let mut d = doc();
        d.edit_cell("s4.review.total", CellValue::Int(1), 1);
        d.edit_cell("s4.review.total", CellValue::Int(12), 1);
        d.edit_cell("s4.review.upheld", CellValue::Int(3), 2);
        assert!(d.edited.contains("s4.review.total"));
        assert_eq!(d.undo().as_deref(), Some("s4.review.upheld"));
        assert_eq!(d.report.cell("s4.review.upheld"), Some(&CellValue::Blank));
        assert_eq!(d.undo().as_deref(), Some("s4.review.total"));
        assert_eq!(d.report.cell("s4.review.total"), Some(&CellValue::Blank));
        assert_eq!(d.undo(), None);
        d.redo();
        assert_eq!(d.report.cell("s4.review.total"), Some(&CellValue::Int(12)));
        d.edit_section(1, "总体".into(), 3);
        assert!(!d.can_redo());
        d.undo();
        assert_eq!(d.report.section(1), "");
    }

    #[test]
    fn draft_round_trips_with_its_undo_stack() {
        let mut d = doc();
        d.edit_cell("s3.r1.natural", CellValue::Int(5), 1);
        let mut back = Doc::from_storage(&d.to_storage()).expect("draft");
        assert_eq!(back, d);
        assert_eq!(back.last_session(), 1);
        back.undo();
        assert_eq!(back.report.cell("s3.r1.natural"), Some(&CellValue::Blank));
        assert!(Doc::from_storage("{").is_none());
    }

    fn report(year: i32, agency: &str) -> Report {
        let mut r = Report::empty(TemplateId::V2021);
        r.year = Some(year);
        r.agency = Some(agency.into());
        r
    }

    #[test]
    fn previous_report_feeds_the_cross_year_rules_and_the_draft() {
        let mut d = doc();
        d.report.cells.insert("s3.r2.total", CellValue::Int(3));
        let y01 = |d: &Doc| d.findings().iter().filter(|f| f.rule == "Y-01").count();
        assert_eq!(y01(&d), 0);
        let mut prev = Report::empty(TemplateId::V2021);
        prev.cells.insert("s3.r4.total", CellValue::Int(2));
        d.previous = Some(prev);
        assert_eq!(y01(&d), 1);
        // Saved and restored with the draft; a draft saved before the field existed reads.
        let back = Doc::from_storage(&d.to_storage()).expect("draft");
        assert_eq!(back, d);
        let old = doc().to_storage();
        assert!(!old.contains("previous"));
        assert_eq!(Doc::from_storage(&old).expect("old draft").previous, None);
    }

    #[test]
    fn previous_from_takes_reports_and_explains_the_rest() {
        let ok = Imported {
            report: report(2023, "某市人民政府"),
            findings: vec![Finding::new("I-01", Severity::Warning, "m", "m")],
        };
        assert_eq!(previous_from(ok).map(|r| r.year), Ok(Some(2023)));
        let bad = Imported::unreadable("不是年报", "not a report");
        assert_eq!(
            previous_from(bad),
            Err(("不是年报".to_string(), "not a report".to_string()))
        );
        let none = Imported {
            report: Report::default(),
            findings: Vec::new(),
        };
        assert!(previous_from(none).is_err());
    }

    #[test]
    fn previous_mismatches_year_and_agency() {
        let cur = report(2024, "某市人民政府");
        assert_eq!(
            previous_mismatches(&cur, &report(2023, " 某市 人民政府")),
            vec![]
        );
        assert_eq!(
            previous_mismatches(&cur, &report(2022, "某市人民政府")),
            vec![PreviousMismatch::Year {
                current: 2024,
                previous: 2022
            }]
        );
        assert_eq!(
            previous_mismatches(&cur, &report(2024, "某县人民政府")),
            vec![
                PreviousMismatch::Year {
                    current: 2024,
                    previous: 2024
                },
                PreviousMismatch::Agency {
                    current: "某市人民政府".into(),
                    previous: "某县人民政府".into()
                }
            ]
        );
        let mut unknown = report(2023, "");
        unknown.year = None;
        assert_eq!(
            previous_mismatches(&cur, &unknown),
            vec![PreviousMismatch::YearUnknown]
        );
        assert_eq!(
            previous_mismatches(&report(i32::MAX, "a"), &report(i32::MAX, "a")).len(),
            1
        );
    }

    #[test]
    fn suspects_get_the_strong_mark() {
        let mut f = Finding::new("T4-01", Severity::Error, "m", "m")
            .with_cells(["s4.review.total", "s4.review.upheld"]);
        f.suspects = vec![vec![Suspect {
            cell: "s4.review.upheld".into(),
            should_be: CellValue::Int(1),
        }]];
        let na = Finding::new("T4-02", Severity::Info, "m", "m")
            .with_cells(["s4.review.total"])
            .not_evaluable();
        let marks = cell_marks(&[f, na]);
        assert_eq!(marks["s4.review.upheld"], Mark::Error);
        assert_eq!(marks["s4.review.total"], Mark::NotEvaluable);
    }

    #[test]
    fn verdict_and_groups() {
        let d = doc();
        assert_eq!(verdict(&d, &[]), Verdict::Pass);
        let fs = vec![
            Finding::new("X-01", Severity::Warning, "w", "w"),
            Finding::new("T3-03", Severity::Error, "e", "e"),
            Finding::new("T3-03", Severity::Error, "e", "e"),
        ];
        assert_eq!(
            verdict(&d, &fs),
            Verdict::Errors {
                errors: 2,
                warnings: 1
            }
        );
        let g = group_by_rule(&fs);
        assert_eq!(g[0], ("T3-03".to_string(), vec![1, 2]));
        assert!(value_is_valid(&CellValue::parse("/")));
        assert!(!value_is_valid(&CellValue::parse("12a")));
    }
}
