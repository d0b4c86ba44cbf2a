//! Writing what was read into the report: values into cells, non-numbers kept verbatim with
//! I-03, ambiguous splits with I-02, numbers that fit nowhere with I-01.

use std::collections::BTreeMap;

use super::doc::Doc;
use super::tokens::{Field, Group};
use crate::finding::{Finding, Severity};
use crate::import::split::{Reading, SplitOptions};
use crate::model::{CellKey, CellValue, Cells, ExtraRow, TemplateId};
use crate::template::{self, CellDef};

/// Most I-01 findings reported one by one (a garbage input must not flood the user).
const MAX_I01: usize = 50;

/// Where the readers write: every template cell by its index in the template's `cells` (a
/// report has some 200 cells; their keys are built once per program, not per import).
pub struct Sink {
    /// The template's cells, whose index names a cell here.
    defs: &'static [CellDef],
    /// The template's keys in key order, with their indexes in `defs`.
    order: &'static [(&'static str, usize)],
    values: Vec<Option<CellValue>>,
    pub findings: Vec<Finding>,
    pub extra_rows: Vec<ExtraRow>,
    pub units: BTreeMap<String, String>,
    /// Per template cell: the row it starts got values, even unreadable ones (never blanked
    /// afterwards). A flag per first cell, not a set of row keys: the readers ask for every row.
    seen_rows: Vec<bool>,
    /// What the digit splitter may use: figures stated in the prose, the money unit.
    pub split_opts: SplitOptions,
    i01: usize,
}

impl Sink {
    pub fn new(t: TemplateId) -> Sink {
        let defs = template::get(t).cells();
        Sink {
            defs,
            order: template::sorted_keys(t),
            values: vec![None; defs.len()],
            findings: Vec::new(),
            extra_rows: Vec::new(),
            units: BTreeMap::new(),
            seen_rows: vec![false; defs.len()],
            split_opts: SplitOptions::default(),
            i01: 0,
        }
    }

    /// The key of cell `id` (its index in the template's cells).
    pub fn key(&self, id: usize) -> &'static str {
        self.defs.get(id).map_or("", |d| d.key.as_str())
    }

    /// Marks the row whose first cell is `first` as having got values.
    pub fn see_row(&mut self, first: usize) {
        if let Some(seen) = self.seen_rows.get_mut(first) {
            *seen = true;
        }
    }

    /// Whether the row whose first cell is `first` got values.
    pub fn row_seen(&self, first: usize) -> bool {
        self.seen_rows.get(first).copied().unwrap_or(false)
    }

    /// Whether cell `id` has a value.
    pub fn has(&self, id: usize) -> bool {
        self.values.get(id).is_some_and(Option::is_some)
    }

    pub fn set(&mut self, id: usize, v: CellValue) {
        if let Some(slot) = self.values.get_mut(id) {
            *slot = Some(v);
        }
    }

    /// The cells read, by key (taken out of the sink). Taken in key order with the template's
    /// own keys: the list is built in one pass, without sorting or copying a key.
    pub fn take_cells(&mut self) -> Cells {
        let mut values = std::mem::take(&mut self.values);
        let entries = self
            .order
            .iter()
            .filter_map(|&(key, id)| {
                let v = values.get_mut(id)?.take()?;
                Some((CellKey::Borrowed(key), v))
            })
            .collect();
        Cells::from_sorted(entries)
    }

    /// Sets one cell from its source text; a text that is neither number nor mark is I-03.
    pub fn put(&mut self, doc: &Doc, id: usize, f: &Field) {
        let v = if f.empty {
            CellValue::Blank
        } else {
            CellValue::parse(f.text)
        };
        if let CellValue::Text(t) = &v {
            if !v.is_mark() {
                self.findings.push(crate::import::not_a_number(
                    self.key(id),
                    t,
                    doc.source(f.start),
                ));
            }
        }
        self.set(id, v);
    }

    /// Sets a row from a split reading; columns the text does not fix get an I-02 each.
    pub fn put_reading(&mut self, doc: &Doc, ids: &[usize], g: &Group, r: &Reading) {
        for (i, &id) in ids.iter().enumerate() {
            let key = self.key(id);
            let v = r.values.get(i).cloned().unwrap_or(CellValue::Blank);
            let mut alts: Vec<CellValue> = Vec::new();
            for alt in &r.alternatives {
                if let Some(a) = alt.get(i) {
                    if *a != v && !alts.contains(a) {
                        alts.push(a.clone());
                    }
                }
            }
            if !alts.is_empty() {
                let text = quote(&g.joined());
                let mut f = Finding::new(
                    "I-02",
                    Severity::Warning,
                    format!("数字连在一起，无法确定拆分：“{text}”，取 {}", v.display()),
                    format!(
                        "digits run together, split not certain: \"{text}\", took {}",
                        v.display()
                    ),
                )
                .with_cells([key.to_string()])
                .with_source(doc.source(g.start()))
                .with_text(text);
                alts.truncate(20);
                f.alternatives = alts;
                self.findings.push(f);
            }
            self.set(id, v);
        }
    }

    /// A cell read as blank only because of its position (leading empty fields): I-02 with 0 as
    /// the other reading.
    pub fn doubtful_blank(&mut self, doc: &Doc, id: usize, at: usize) {
        let mut f = Finding::new(
            "I-02",
            Severity::Warning,
            "按位置为空白，也可能是表头合并单元格造成的错位（或为 0）",
            "blank by position; may be a shift caused by merged header cells (or 0)",
        )
        .with_cells([self.key(id).to_string()])
        .with_source(doc.source(at))
        .with_text("");
        f.alternatives = vec![CellValue::Int(0)];
        self.findings.push(f);
    }

    /// A row label that differs from the template's by a typo (S-07, warning): only the importer
    /// sees the labels, so it reports this itself.
    pub fn label_typo(
        &mut self,
        doc: &Doc,
        g: &Group,
        ids: std::ops::Range<usize>,
        span: &[char],
        official: &str,
    ) {
        let written: String = span.iter().collect();
        self.findings.push(
            Finding::new(
                "S-07",
                Severity::Warning,
                format!("行标题“{written}”与模板“{official}”不一致"),
                format!("row label \"{written}\" differs from the template's \"{official}\""),
            )
            .with_cells(ids.map(|id| self.key(id).to_string()))
            .with_source(doc.source(g.start()))
            .with_text(written),
        );
    }

    /// A row one cell short that took a value floating above its table (see
    /// `tables::fill_lost_cells`): I-02 on that cell, with the other placements' values.
    pub fn lost_cell(
        &mut self,
        doc: &Doc,
        id: usize,
        lost: &Field,
        row: &Group,
        alts: Vec<CellValue>,
    ) {
        let text = quote(&format!("{} / {}", lost.text, row.joined()));
        let mut f = Finding::new(
            "I-02",
            Severity::Warning,
            format!("该行少一个单元格，取表格上方游离的数字 {} 补入；位置不确定：“{text}”", lost.text),
            format!("row one cell short: took the value {} floating above the table; its column is not certain: \"{text}\"", lost.text),
        )
        .with_cells([self.key(id).to_string()])
        .with_source(doc.source(lost.start))
        .with_text(text);
        f.alternatives = alts;
        self.findings.push(f);
    }

    /// A group whose numbers could not be placed in any cell.
    pub fn unplaced(&mut self, doc: &Doc, g: &Group, table: &str) {
        if !g
            .fields
            .iter()
            .any(|f| !f.empty && !CellValue::parse(f.text).is_mark())
        {
            return;
        }
        self.i01 += 1;
        if self.i01 > MAX_I01 {
            return;
        }
        let text = quote(&g.joined());
        self.findings.push(
            Finding::new(
                "I-01",
                Severity::Warning,
                format!("表格中的数字无法对应到任何单元格（{table}）：{text}"),
                format!("number(s) in table {table} could not be placed in any cell: {text}"),
            )
            .with_source(doc.source(g.start()))
            .with_text(text),
        );
    }

    pub fn extra(&mut self, table: &str, label: String, g: &Group, n: usize) {
        let fields = trimmed(&g.fields, n);
        self.extra_rows.push(ExtraRow {
            table: table.to_string(),
            label,
            values: fields
                .iter()
                .map(|f| {
                    if f.empty {
                        CellValue::Blank
                    } else {
                        CellValue::parse(f.text)
                    }
                })
                .collect(),
        });
    }

    pub fn missing(&mut self, what_zh: &str, what_en: &str) {
        self.findings.push(Finding::new(
            "I-05",
            Severity::Info,
            format!("未找到{what_zh}"),
            format!("{what_en} not found"),
        ));
    }
}

/// The fields of a row with `n` cells: empty fields beyond `n` are dropped, trailing first
/// (merged label cells and line ends leave empty fields around the values).
pub fn trim_fields<'a>(fields: &[Field<'a>], n: usize) -> Vec<Field<'a>> {
    trimmed(fields, n).to_vec()
}

/// [`trim_fields`] without the copy.
pub fn trimmed<'f, 'a>(fields: &'f [Field<'a>], n: usize) -> &'f [Field<'a>] {
    let mut end = fields.len();
    // Trailing empty fields, and trailing words (a 备注 column) beyond the row's cells.
    while end > n && (fields[end - 1].empty || is_word(fields[end - 1].text)) {
        end -= 1;
    }
    let mut start = 0;
    while end - start > n && fields[start].empty {
        start += 1;
    }
    &fields[start..end]
}

fn is_word(text: &str) -> bool {
    let v = CellValue::parse(text);
    !v.is_number() && !v.is_mark() && !super::tokens::is_numberish(text)
}

/// Source text quoted in a finding, cut to a readable length.
pub fn quote(text: &str) -> String {
    const MAX: usize = 120;
    match text.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}
