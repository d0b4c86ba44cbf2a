//! The three tables of a report laid out as in the official Word template: a grid of cells with
//! row and column spans. DOCX, HTML and XLSX all draw from this one layout.

use crate::model::{Report, TemplateId};
use crate::template::{self, TableDef, S3_NOTE, S3_RESULTS_GROUP};

/// What a grid cell shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    /// A caption row of section 2 (`第二十条第（一）项`), shaded in the template.
    Caption(String),
    /// A column header.
    Header(String),
    /// A row label.
    Label(String),
    /// The value of a template cell (DATA.md key).
    Value(String),
}

/// One cell of the grid, at its top-left position.
#[derive(Clone, Debug, PartialEq)]
pub struct GridCell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub content: Content,
}

/// One table: column widths (twips, as in the template), the number of rows, the cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// `s2`, `s3` or `s4`.
    pub id: &'static str,
    /// The sheet name (`表二` …) and the section (2, 3, 4).
    pub sheet: &'static str,
    pub section: u8,
    pub widths: Vec<u32>,
    pub rows: usize,
    /// Rows at the top that are headers (repeated on every page).
    pub header_rows: usize,
    pub cells: Vec<GridCell>,
}

impl Grid {
    fn new(id: &'static str, sheet: &'static str, section: u8, widths: Vec<u32>) -> Grid {
        Grid {
            id,
            sheet,
            section,
            widths,
            rows: 0,
            header_rows: 0,
            cells: Vec::new(),
        }
    }

    fn put(&mut self, row: usize, col: usize, rowspan: usize, colspan: usize, content: Content) {
        self.rows = self.rows.max(row + rowspan);
        self.cells.push(GridCell {
            row,
            col,
            rowspan,
            colspan,
            content,
        });
    }

    /// The cell starting at a position.
    pub fn at(&self, row: usize, col: usize) -> Option<&GridCell> {
        self.cells.iter().find(|c| c.row == row && c.col == col)
    }

    /// The cell covering a position (itself or a merged cell over it).
    pub fn covering(&self, row: usize, col: usize) -> Option<&GridCell> {
        self.cells.iter().find(|c| {
            (c.row..c.row + c.rowspan).contains(&row) && (c.col..c.col + c.colspan).contains(&col)
        })
    }

    /// Where a value key sits: (row, col).
    pub fn position(&self, key: &str) -> Option<(usize, usize)> {
        self.cells
            .iter()
            .find(|c| matches!(&c.content, Content::Value(k) if k == key))
            .map(|c| (c.row, c.col))
    }
}

/// The three tables of a template, in order (表二, 表三, 表四).
pub fn grids(id: TemplateId, report: &Report) -> Vec<Grid> {
    let t = template::get(id);
    let s2: Vec<&TableDef> = t.section_tables(2).collect();
    let mut out = vec![section2(&s2, report)];
    if let Some(s3) = t.table("s3") {
        out.push(section3(s3));
    }
    if let Some(s4) = t.table("s4") {
        out.push(section4(s4));
    }
    out
}

/// Section 2: one table of four columns, each 第二十条 block a caption row, a header row and
/// its rows; fewer than three value columns span the rest, as in the template.
fn section2(tables: &[&TableDef], report: &Report) -> Grid {
    let mut g = Grid::new("s2", "表二", 2, vec![2435; 4]);
    let mut r = 0;
    for t in tables {
        g.put(r, 0, 1, 4, Content::Caption(t.caption.to_string()));
        g.put(r + 1, 0, 1, 1, Content::Header("信息内容".into()));
        let spans = spans(t.columns.len());
        let mut c = 1;
        for (col, span) in t.columns.iter().zip(&spans) {
            let key = format!(
                "{}.{}.{}",
                t.prefix,
                t.rows.first().map_or("", |r| r.key),
                col.key
            );
            let label = match report.units.get(&key) {
                Some(u) if !col.label.contains('（') => format!("{}（{}）", col.label, u),
                _ => col.label.to_string(),
            };
            g.put(r + 1, c, 1, *span, Content::Header(label));
            c += span;
        }
        for (i, row) in t.rows.iter().enumerate() {
            g.put(r + 2 + i, 0, 1, 1, Content::Label(row.label.to_string()));
            let mut c = 1;
            for (col, span) in t.columns.iter().zip(&spans) {
                let key = format!("{}.{}.{}", t.prefix, row.key, col.key);
                g.put(r + 2 + i, c, 1, *span, Content::Value(key));
                c += span;
            }
        }
        r += 2 + t.rows.len();
    }
    g
}

fn spans(n: usize) -> Vec<usize> {
    match n {
        0 => vec![],
        1 => vec![3],
        2 => vec![1, 2],
        n => vec![1; n],
    }
}

/// Section 3: three header rows, the label columns merged as in the template.
fn section3(t: &TableDef) -> Grid {
    let mut g = Grid::new(
        "s3",
        "表三",
        3,
        vec![600, 760, 2585, 700, 700, 700, 700, 700, 700, 700],
    );
    g.put(0, 0, 3, 3, Content::Header(S3_NOTE.into()));
    g.put(0, 3, 1, 7, Content::Header("申请人情况".into()));
    g.put(1, 3, 2, 1, Content::Header(t.columns[0].label.into()));
    g.put(1, 4, 1, 5, Content::Header("法人或其他组织".into()));
    g.put(1, 9, 2, 1, Content::Header(t.columns[6].label.into()));
    for (i, c) in t.columns[1..6].iter().enumerate() {
        g.put(2, 4 + i, 1, 1, Content::Header(c.label.into()));
    }
    g.header_rows = 3;
    let first = 3;
    let results: Vec<usize> = (0..t.rows.len())
        .filter(|&i| t.rows[i].key.starts_with("r3_"))
        .collect();
    if let (Some(&a), Some(&b)) = (results.first(), results.last()) {
        g.put(
            first + a,
            0,
            b - a + 1,
            1,
            Content::Label(S3_RESULTS_GROUP.into()),
        );
    }
    let mut i = 0;
    while i < t.rows.len() {
        let row = &t.rows[i];
        let r = first + i;
        match row.group {
            Some(group) => {
                let n = t.rows[i..]
                    .iter()
                    .take_while(|x| x.group == Some(group))
                    .count();
                g.put(r, 1, n, 1, Content::Label(group.into()));
                for (j, sub) in t.rows[i..i + n].iter().enumerate() {
                    g.put(r + j, 2, 1, 1, Content::Label(sub.label.into()));
                }
                i += n;
            }
            None if row.key.starts_with("r3_") => {
                g.put(r, 1, 1, 2, Content::Label(row.label.into()));
                i += 1;
            }
            None => {
                g.put(r, 0, 1, 3, Content::Label(row.label.into()));
                i += 1;
            }
        }
    }
    for (i, row) in t.rows.iter().enumerate() {
        for (j, col) in t.columns.iter().enumerate() {
            let key = format!("{}.{}.{}", t.prefix, row.key, col.key);
            g.put(first + i, 3 + j, 1, 1, Content::Value(key));
        }
    }
    g
}

/// Section 4: 行政复议 (5 columns) and 行政诉讼 (2 × 5) over one row of 15 numbers.
fn section4(t: &TableDef) -> Grid {
    let mut g = Grid::new("s4", "表四", 4, vec![650; 15]);
    let mut c = 0;
    for group in t.rows {
        if group.group.is_none() {
            g.put(0, c, 1, 5, Content::Header(group.label.into()));
            for (j, col) in t.columns.iter().enumerate() {
                g.put(1, c + j, 2, 1, Content::Header(col.label.into()));
            }
        } else {
            g.put(1, c, 1, 5, Content::Header(group.label.into()));
            for (j, col) in t.columns.iter().enumerate() {
                g.put(2, c + j, 1, 1, Content::Header(col.label.into()));
            }
        }
        for (j, col) in t.columns.iter().enumerate() {
            g.put(
                3,
                c + j,
                1,
                1,
                Content::Value(format!("{}.{}.{}", t.prefix, group.key, col.key)),
            );
        }
        c += t.columns.len();
    }
    // The 行政诉讼 header over the two suit groups.
    let suits = t.rows.iter().filter(|r| r.group.is_some()).count();
    if suits > 0 {
        let start = 5 * (t.rows.len() - suits);
        g.put(0, start, 1, 5 * suits, Content::Header("行政诉讼".into()));
    }
    g.header_rows = 3;
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_cell_is_placed_once() {
        for id in [TemplateId::V2019, TemplateId::V2021] {
            let r = Report::empty(id);
            let gs = grids(id, &r);
            for cell in template::get(id).cells() {
                let n = gs
                    .iter()
                    .flat_map(|g| &g.cells)
                    .filter(|c| c.content == Content::Value(cell.key.clone()))
                    .count();
                assert_eq!(n, 1, "{}", cell.key);
            }
            // No two cells overlap.
            for g in &gs {
                for row in 0..g.rows {
                    for col in 0..g.widths.len() {
                        let n = g
                            .cells
                            .iter()
                            .filter(|c| {
                                (c.row..c.row + c.rowspan).contains(&row)
                                    && (c.col..c.col + c.colspan).contains(&col)
                            })
                            .count();
                        assert_eq!(n, 1, "{} ({row},{col}) {id}", g.id);
                    }
                }
            }
        }
    }
}
