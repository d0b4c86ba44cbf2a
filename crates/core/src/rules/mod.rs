//! The consistency rules of SPEC.md §7. One rule is one unit: id, severity, title, doc, check.
//!
//! Where to find a rule: S-xx in `structure.rs`, T2-xx in `sec2.rs`, T3-xx in `sec3.rs`,
//! T4-xx in `sec4.rs`, X-xx in `narrative.rs`, Y-xx in `years.rs`, M-xx in `meta.rs`, and the
//! documentation-only import ids I-xx in `import_ids.rs`. Each rule is one `const` named after
//! its id (`T3_01`) with its doc text beside its check function. `view.rs` reads the tables
//! once per check, `locate.rs` finds the cell most likely wrong when arithmetic fails and
//! `scan.rs` finds numbers in the narrative text.

use std::cell::OnceCell;

use crate::finding::{Finding, Severity, Suspect};
use crate::model::Report;

mod import_ids;
pub(crate) mod locate;
mod meta;
mod narrative;
pub(crate) mod scan;
mod sec2;
mod sec3;
mod sec4;
mod structure;
pub(crate) mod view;
mod years;

#[cfg(test)]
pub(crate) mod testing;

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
    view: view::View,
    s3_fix: OnceCell<Vec<Vec<Suspect>>>,
    s4_fix: OnceCell<Vec<Vec<Suspect>>>,
    sentences: OnceCell<Vec<scan::Sentence<'a>>>,
    /// Indexes of the sentences that may hold 件 (see [`Context::counting_sentences`]).
    counting: OnceCell<Vec<usize>>,
    prev_view: OnceCell<Option<view::View>>,
}

impl<'a> Context<'a> {
    pub fn new(report: &'a Report, previous: Option<&'a Report>) -> Context<'a> {
        Context {
            report,
            previous,
            view: view::View::new(report),
            s3_fix: OnceCell::new(),
            s4_fix: OnceCell::new(),
            sentences: OnceCell::new(),
            counting: OnceCell::new(),
            prev_view: OnceCell::new(),
        }
    }

    /// The tables of the report, read once.
    pub(crate) fn view(&self) -> &view::View {
        &self.view
    }

    /// The previous report's tables, read once (None without a previous report).
    pub(crate) fn prev_view(&self) -> Option<&view::View> {
        self.prev_view
            .get_or_init(|| self.previous.map(view::View::new))
            .as_ref()
    }

    /// Every sentence of the narrative, split once.
    pub(crate) fn sentences(&self) -> &[scan::Sentence<'a>] {
        self.sentences.get_or_init(|| scan::split(self.report))
    }

    /// The sentences that may hold 件, the unit most text rules read numbers in (a bloom test:
    /// a sentence without it is left out, some others may be in); found once.
    pub(crate) fn counting_sentences(&self) -> impl Iterator<Item = &scan::Sentence<'a>> {
        let all = self.sentences();
        self.counting
            .get_or_init(|| {
                let jian = scan::kw!("件");
                (0..all.len())
                    .filter(|&i| all.get(i).is_some_and(|s| s.may_have(jian)))
                    .collect()
            })
            .iter()
            .filter_map(|&i| all.get(i))
    }

    /// The sentences of one section.
    pub(crate) fn section_sentences<'s>(
        &'s self,
        section: &'s str,
    ) -> impl Iterator<Item = &'s scan::Sentence<'a>> + 's {
        self.sentences()
            .iter()
            .filter(move |s| s.section == section)
    }

    /// The smallest changes that make every identity of table 3 hold (computed on first use).
    pub(crate) fn s3_suspects(&self) -> &[Vec<Suspect>] {
        self.s3_fix.get_or_init(|| self.view.s3_suspects())
    }

    /// The same for table 4.
    pub(crate) fn s4_suspects(&self) -> &[Vec<Suspect>] {
        self.s4_fix.get_or_init(|| self.view.s4_suspects())
    }
}

/// Declares one rule as a `const` (ruff's model: id, severity, titles, doc and check in one
/// place).
macro_rules! rule {
    ($name:ident, $id:literal, $sev:ident, $title:literal, $title_en:literal, $check:path, $doc:literal) => {
        pub(crate) const $name: $crate::rules::Rule = $crate::rules::Rule {
            id: $id,
            severity: $crate::finding::Severity::$sev,
            title: $title,
            title_en: $title_en,
            doc: $crate::rules::doc_text!($doc),
            check: $check,
        };
    };
}
pub(crate) use rule;

/// A rule's doc text: the literal with the `docs` feature, else "" (the text is not linked).
#[cfg(feature = "docs")]
macro_rules! doc_text {
    ($doc:literal) => {
        $doc
    };
}
#[cfg(not(feature = "docs"))]
macro_rules! doc_text {
    ($doc:literal) => {
        ""
    };
}
pub(crate) use doc_text;

static ALL: [Rule; 61] = [
    structure::S_01,
    structure::S_02,
    structure::S_03,
    structure::S_04,
    structure::S_05,
    structure::S_06,
    structure::S_07,
    structure::S_08,
    structure::S_09,
    structure::S_10,
    structure::S_11,
    structure::S_12,
    sec2::T2_01,
    sec2::T2_02,
    sec2::T2_03,
    sec2::T2_04,
    sec2::T2_05,
    sec2::T2_06,
    sec2::T2_07,
    sec2::T2_08,
    sec2::T2_09,
    sec2::T2_10,
    sec3::T3_01,
    sec3::T3_02,
    sec3::T3_03,
    sec3::T3_04,
    sec3::T3_05,
    sec3::T3_06,
    sec3::T3_07,
    sec3::T3_08,
    sec3::T3_09,
    sec4::T4_01,
    sec4::T4_02,
    sec4::T4_03,
    sec4::T4_04,
    sec4::T4_05,
    narrative::X_01,
    narrative::X_02,
    narrative::X_03,
    narrative::X_04,
    narrative::X_05,
    narrative::X_06,
    narrative::X_07,
    narrative::X_08,
    narrative::X_09,
    narrative::X_10,
    narrative::X_11,
    years::Y_01,
    years::Y_02,
    years::Y_03,
    years::Y_04,
    years::Y_05,
    years::Y_06,
    meta::M_01,
    meta::M_02,
    meta::M_03,
    import_ids::I_01,
    import_ids::I_02,
    import_ids::I_03,
    import_ids::I_04,
    import_ids::I_05,
];

/// Every rule, in id order (the import ids I-01…I-05 last: they are documented here, but the
/// importers emit them).
pub fn all() -> &'static [Rule] {
    &ALL
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    ALL.iter().find(|r| r.id == id)
}

/// Runs every rule.
pub fn check(report: &Report, previous: Option<&Report>) -> Vec<Finding> {
    let cx = Context::new(report, previous);
    let mut out = Vec::new();
    for rule in all() {
        (rule.check)(&cx, &mut out);
    }
    out
}

/// The one `info` finding of a rule that met blank or non-numeric cells in one evaluation unit.
pub(crate) fn not_evaluable(id: &str, unit_zh: &str, unit_en: &str, cells: Vec<String>) -> Finding {
    Finding::new(
        id,
        Severity::Info,
        format!("{unit_zh}：所需单元格空白、缺失或不是数字，无法判断"),
        format!("{unit_en}: a cell it needs is blank, missing or not a number; not evaluable"),
    )
    .with_cells(cells)
    .not_evaluable()
}

/// `a+b+c` for a message; long sums show only their non-zero terms.
pub(crate) fn sum_text(terms: &[i64]) -> String {
    if terms.len() <= 6 {
        return terms
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join("+");
    }
    let nz: Vec<String> = terms
        .iter()
        .filter(|v| **v != 0)
        .map(i64::to_string)
        .collect();
    if nz.is_empty() {
        "各项均为 0".to_string()
    } else {
        format!("各项之和，非零项 {}", nz.join("+"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_documented() {
        let mut seen = std::collections::BTreeSet::new();
        for r in all() {
            assert!(seen.insert(r.id), "duplicate id {}", r.id);
            assert!(!r.doc.trim().is_empty(), "{} has no doc", r.id);
            assert!(r.doc.contains("例"), "{} doc lacks an example", r.id);
        }
        assert_eq!(seen.len(), 61);
    }
}
