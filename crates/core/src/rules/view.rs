//! The report's tables read once per check into small arrays, so that rules index by position
//! instead of formatting keys, and the names of cells for messages.

use crate::finding::Suspect;
use crate::model::{CellValue, Report, TemplateId};
use crate::template::{self, CellDef, PerTemplate, RowDef};

use super::locate::{self, Identity};

/// One cell as the rules see it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum V {
    Int(i64),
    /// A number with decimals where a count belongs.
    Frac(f64),
    Blank,
    /// `/`, `-`, `—`, `无` …
    Mark,
    /// Other text.
    Text,
    /// The key is missing from the report entirely.
    Absent,
}

/// The largest figure the rules add up (10^15).
const MAX_COUNT: i64 = 1_000_000_000_000_000;

impl V {
    pub(crate) fn of(v: Option<&CellValue>) -> V {
        match v {
            None => V::Absent,
            // Beyond 10^15 a figure is no count; keeping it out of the sums also keeps every sum
            // of a table far from overflow.
            Some(CellValue::Int(i)) if i.unsigned_abs() > MAX_COUNT as u64 => V::Frac(*i as f64),
            Some(CellValue::Int(i)) => V::Int(*i),
            Some(CellValue::Dec(d)) => {
                if d.fract() == 0.0 && d.abs() <= MAX_COUNT as f64 {
                    V::Int(*d as i64)
                } else {
                    V::Frac(*d)
                }
            }
            Some(CellValue::Blank) => V::Blank,
            Some(c @ CellValue::Text(_)) if c.is_mark() => V::Mark,
            Some(CellValue::Text(_)) => V::Text,
        }
    }

    /// The count, if the cell holds a whole number.
    pub(crate) fn int(self) -> Option<i64> {
        match self {
            V::Int(i) => Some(i),
            _ => None,
        }
    }
}

/// Column count of table 3 and the index of its 总计 column.
pub(crate) const S3_COLS: usize = 7;

/// The official label of section 3's column `c` (0-based; `""` past the last).
pub(crate) fn col_zh(c: usize) -> &'static str {
    crate::template::S3_COLUMNS.get(c).map_or("", |d| d.label)
}
pub(crate) const TOTAL: usize = 6;
/// Section 4: groups and columns.
pub(crate) const S4_KEYS: [[&str; 5]; 3] = [
    [
        "s4.review.upheld",
        "s4.review.corrected",
        "s4.review.other",
        "s4.review.pending",
        "s4.review.total",
    ],
    [
        "s4.suit_direct.upheld",
        "s4.suit_direct.corrected",
        "s4.suit_direct.other",
        "s4.suit_direct.pending",
        "s4.suit_direct.total",
    ],
    [
        "s4.suit_after_review.upheld",
        "s4.suit_after_review.corrected",
        "s4.suit_after_review.other",
        "s4.suit_after_review.pending",
        "s4.suit_after_review.total",
    ],
];

/// Table 3 of one template: rows, cell definitions and the indexes the identities need.
pub(crate) struct S3Layout {
    pub rows: &'static [RowDef],
    /// Cell definitions, row-major, 7 per row.
    pub cells: &'static [CellDef],
    pub r1: usize,
    pub r2: usize,
    pub r3_7: usize,
    pub r4: usize,
    /// Index of the first table-3 cell in `template::get(t).cells()`.
    pub start: usize,
    /// Rows that add up to （七）总计.
    pub results: Vec<usize>,
}

impl S3Layout {
    pub(crate) fn get(t: TemplateId) -> &'static S3Layout {
        static LAYOUTS: PerTemplate<S3Layout> = PerTemplate::new();
        LAYOUTS.get(t, S3Layout::build)
    }

    fn build(t: TemplateId) -> S3Layout {
        let tpl = template::get(t);
        let rows = tpl.s3_rows();
        let start = tpl
            .cells()
            .iter()
            .position(|c| c.key.starts_with("s3."))
            .unwrap_or(0);
        let end = (start + rows.len() * S3_COLS).min(tpl.cells().len());
        let cells = tpl.cells().get(start..end).unwrap_or(&[]);
        let idx = |k: &str| rows.iter().position(|r| r.key == k).unwrap_or(0);
        let results = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.key.starts_with("r3_") && r.key != "r3_7")
            .map(|(i, _)| i)
            .collect();
        S3Layout {
            rows,
            cells,
            r1: idx("r1"),
            r2: idx("r2"),
            r3_7: idx("r3_7"),
            r4: idx("r4"),
            start,
            results,
        }
    }

    pub(crate) fn def(&self, row: usize, col: usize) -> Option<&'static CellDef> {
        self.cells.get(row * S3_COLS + col)
    }

    pub(crate) fn key(&self, row: usize, col: usize) -> &'static str {
        self.def(row, col).map(|c| c.key.as_str()).unwrap_or("")
    }

    pub(crate) fn row_of(&self, key: &str) -> Option<usize> {
        // The rows the rules name most, without a scan (row keys are unique).
        for r in [self.r1, self.r2, self.r3_7, self.r4] {
            if self.rows.get(r).is_some_and(|d| d.key == key) {
                return Some(r);
            }
        }
        self.rows.iter().position(|r| r.key == key)
    }
}

/// The Chinese name of a cell key for messages (the key itself when unknown).
pub(crate) fn name(key: &str) -> String {
    template::find_cell(key)
        .map(CellDef::name)
        .unwrap_or_else(|| key.to_string())
}

/// `a == b`, compared inline eight bytes at a time: for keys of 10–30 bytes a call to `bcmp`
/// costs more than the compare. The same bytes in memory answer at once: the text importer's
/// cells carry the template's own keys.
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    if std::ptr::eq(a, b) {
        return true;
    }
    if a.len() < 8 {
        return a == b;
    }
    // Whole chunks, then the last eight bytes (which overlap the last chunk) for the rest.
    a.chunks_exact(8)
        .zip(b.chunks_exact(8))
        .all(|(x, y)| x.first_chunk::<8>() == y.first_chunk::<8>())
        && a.last_chunk::<8>() == b.last_chunk::<8>()
}

/// A template's keys in an open-addressing hash table, for [`View::get`]: a few loads and one
/// string compare instead of the ~8 compares of a `BTreeMap` or binary search.
struct KeyIndex {
    /// `(key, index in cells())`; `("", usize::MAX)` marks an empty place. The length is a power
    /// of two, at least twice the number of keys.
    table: Vec<(&'static str, usize)>,
}

/// The hash of a key for [`KeyIndex`]: its length and its first and last eight bytes (the keys
/// differ in their row near the start and in their column near the end).
fn key_hash(key: &str) -> u64 {
    let b = key.as_bytes();
    // Keys shorter than eight bytes: all their bytes, twice.
    let short = || b.iter().fold(0u64, |w, &x| w << 8 | u64::from(x));
    let head = b
        .first_chunk::<8>()
        .map_or_else(short, |w| u64::from_le_bytes(*w));
    let tail = b
        .last_chunk::<8>()
        .map_or_else(short, |w| u64::from_le_bytes(*w));
    (head ^ tail.rotate_left(29) ^ b.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl KeyIndex {
    fn build(t: TemplateId) -> KeyIndex {
        let cells = template::get(t).cells();
        let size = (cells.len() * 2).next_power_of_two().max(2);
        let mut table = vec![("", usize::MAX); size];
        for (i, c) in cells.iter().enumerate() {
            let mut at = KeyIndex::start(&c.key, size);
            // Linear probing: the table is at most half full, so a free place is near.
            while table.get(at).is_some_and(|e| e.1 != usize::MAX) {
                at = (at + 1) & (size - 1);
            }
            if let Some(e) = table.get_mut(at) {
                *e = (c.key.as_str(), i);
            }
        }
        KeyIndex { table }
    }

    fn start(key: &str, size: usize) -> usize {
        (key_hash(key) >> 32) as usize & (size - 1)
    }

    /// The index of `key` in `cells()`.
    fn find(&self, key: &str) -> Option<usize> {
        let size = self.table.len();
        let mut at = KeyIndex::start(key, size);
        loop {
            let &(k, i) = self.table.get(at)?;
            if i == usize::MAX {
                return None;
            }
            if k == key {
                return Some(i);
            }
            at = (at + 1) & (size - 1);
        }
    }

    fn get(t: TemplateId) -> &'static KeyIndex {
        static INDEXES: PerTemplate<KeyIndex> = PerTemplate::new();
        INDEXES.get(t, KeyIndex::build)
    }
}

/// Whether a key belongs to either template.
pub(crate) fn is_template_key(key: &str) -> bool {
    [TemplateId::V2021, TemplateId::V2019].iter().any(|t| {
        template::sorted_keys(*t)
            .binary_search_by(|(k, _)| (*k).cmp(key))
            .is_ok()
    })
}

/// The tables of one report.
pub(crate) struct View {
    pub template: Option<TemplateId>,
    /// Every cell of the template, in `template::get(t).cells()` order; empty when the
    /// template is unknown.
    pub slots: Vec<V>,
    /// Keys of the report that are not cells of its template.
    pub stray: Vec<String>,
    /// Where table 3 is in `slots`: its first cell and its number of cells (0 when the
    /// template is unknown); see [`View::s3_rows`].
    s3_at: usize,
    s3_len: usize,
    pub s4: [[V; 5]; 3],
}

impl View {
    pub(crate) fn new(report: &Report) -> View {
        let template = report.template;
        let mut slots = Vec::new();
        let mut stray = Vec::new();
        let (mut s3_at, mut s3_len) = (0, 0);
        let mut s4 = [[V::Absent; 5]; 3];
        if let Some(t) = template {
            // Both the report's cells and the sorted template keys are in byte order: one merge.
            let keys = template::sorted_keys(t);
            slots = vec![V::Absent; keys.len()];
            let mut j = 0;
            for (k, val) in &report.cells {
                // Usually the report's next key is the template's next key: test equality
                // first (keys of other lengths differ without comparing bytes).
                loop {
                    match keys.get(j) {
                        Some((tk, i)) if same(tk, k) => {
                            if let Some(slot) = slots.get_mut(*i) {
                                *slot = V::of(Some(val));
                            }
                            j += 1;
                            break;
                        }
                        Some((tk, _)) if *tk < k => j += 1,
                        _ => {
                            stray.push(k.to_string());
                            break;
                        }
                    }
                }
            }
            let l = S3Layout::get(t);
            (s3_at, s3_len) = (l.start, l.rows.len() * S3_COLS);
            let s4_start = slots.len().saturating_sub(15);
            for (g, row) in s4.iter_mut().enumerate() {
                for (c, slot) in row.iter_mut().enumerate() {
                    *slot = slots
                        .get(s4_start + g * 5 + c)
                        .copied()
                        .unwrap_or(V::Absent);
                }
            }
        } else {
            for (g, keys) in S4_KEYS.iter().enumerate() {
                for (c, k) in keys.iter().enumerate() {
                    s4[g][c] = V::of(report.cells.get(k));
                }
            }
        }
        View {
            template,
            slots,
            stray,
            s3_at,
            s3_len,
            s4,
        }
    }

    /// The cell `key` of `report` (the report this view was made of), as `V::of(report.cells
    /// .get(key))` but found by index when the key is a cell of the template.
    pub(crate) fn get(&self, report: &Report, key: &str) -> V {
        let slot = self
            .template
            .and_then(|t| KeyIndex::get(t).find(key))
            .and_then(|i| self.slots.get(i));
        match slot {
            Some(v) => *v,
            None => V::of(report.cells.get(key)),
        }
    }

    /// `report.cells.contains_key(key)`, for the report this view was made of: a cell of the
    /// template is there unless its slot is absent; any other key is there if it is a stray one.
    pub(crate) fn has(&self, report: &Report, key: &str) -> bool {
        match self.template.and_then(|t| KeyIndex::get(t).find(key)) {
            Some(i) => self.slots.get(i).is_some_and(|v| *v != V::Absent),
            None if self.template.is_some() => self.stray.iter().any(|k| k == key),
            None => report.cells.contains_key(key),
        }
    }

    pub(crate) fn layout(&self) -> Option<&'static S3Layout> {
        self.template.map(S3Layout::get)
    }

    /// Table 3, row-major in template order (read from `slots`, not copied); empty when the
    /// template is unknown.
    pub(crate) fn s3_rows(&self) -> &[[V; S3_COLS]] {
        let cells = self.slots.get(self.s3_at..self.s3_at + self.s3_len);
        cells.unwrap_or(&[]).as_chunks::<S3_COLS>().0
    }

    /// A table-3 cell.
    pub(crate) fn s3(&self, row: usize, col: usize) -> V {
        self.s3_rows()
            .get(row)
            .and_then(|r| r.get(col))
            .copied()
            .unwrap_or(V::Absent)
    }

    /// A table-4 cell.
    pub(crate) fn s4(&self, group: usize, col: usize) -> V {
        self.s4
            .get(group)
            .and_then(|r| r.get(col))
            .copied()
            .unwrap_or(V::Absent)
    }

    /// Every identity of table 3: per row C7 = ΣC1..C6, per column r3_7 = Σ results and
    /// r1 + r2 = r3_7 + r4. Cell index = row * 7 + col.
    pub(crate) fn s3_identities(l: &S3Layout) -> Vec<Identity> {
        let mut ids = Vec::new();
        for r in 0..l.rows.len() {
            let mut terms = vec![(r * S3_COLS + TOTAL, 1)];
            terms.extend((0..TOTAL).map(|c| (r * S3_COLS + c, -1)));
            ids.push(Identity { terms });
        }
        for c in 0..S3_COLS {
            let mut terms = vec![(l.r3_7 * S3_COLS + c, 1)];
            terms.extend(l.results.iter().map(|&r| (r * S3_COLS + c, -1)));
            ids.push(Identity { terms });
            ids.push(Identity {
                terms: vec![
                    (l.r1 * S3_COLS + c, 1),
                    (l.r2 * S3_COLS + c, 1),
                    (l.r3_7 * S3_COLS + c, -1),
                    (l.r4 * S3_COLS + c, -1),
                ],
            });
        }
        ids
    }

    pub(crate) fn s3_suspects(&self) -> Vec<Vec<Suspect>> {
        let Some(l) = self.layout() else {
            return Vec::new();
        };
        let vals: Vec<Option<i64>> = self.s3_rows().iter().flatten().map(|v| v.int()).collect();
        let ids = View::s3_identities(l);
        to_suspects(&locate::locate(&vals, &ids, 3), |i| {
            l.key(i / S3_COLS, i % S3_COLS)
        })
    }

    pub(crate) fn s4_suspects(&self) -> Vec<Vec<Suspect>> {
        let vals: Vec<Option<i64>> = self.s4.iter().flatten().map(|v| v.int()).collect();
        let ids: Vec<Identity> = (0..3)
            .map(|g| Identity {
                terms: vec![
                    (g * 5 + 4, 1),
                    (g * 5, -1),
                    (g * 5 + 1, -1),
                    (g * 5 + 2, -1),
                    (g * 5 + 3, -1),
                ],
            })
            .collect();
        to_suspects(&locate::locate(&vals, &ids, 2), |i| {
            S4_KEYS
                .get(i / 5)
                .and_then(|g| g.get(i % 5))
                .copied()
                .unwrap_or("")
        })
    }
}

fn to_suspects(
    fixes: &[Vec<(usize, i64)>],
    key: impl Fn(usize) -> &'static str,
) -> Vec<Vec<Suspect>> {
    fixes
        .iter()
        .map(|fix| {
            fix.iter()
                .map(|&(i, v)| Suspect {
                    cell: key(i).to_string(),
                    should_be: CellValue::Int(v),
                })
                .collect()
        })
        .collect()
}

/// The locator's verdict as a sentence to append to a message (Chinese, English); empty when
/// nothing could be located.
pub(crate) fn describe(suspects: &[Vec<Suspect>]) -> (String, String) {
    let one = |fix: &Vec<Suspect>| -> (String, String) {
        let zh: Vec<String> = fix
            .iter()
            .map(|s| format!("{} 应为 {}", name(&s.cell), s.should_be.display()))
            .collect();
        let en: Vec<String> = fix
            .iter()
            .map(|s| format!("{} should be {}", s.cell, s.should_be.display()))
            .collect();
        (zh.join("、"), en.join(", "))
    };
    match suspects {
        [] => (String::new(), String::new()),
        [fix] => {
            let (zh, en) = one(fix);
            (
                format!("；最可能有误：{zh}（按其余各格推算）"),
                format!("; most likely wrong: {en} (implied by the other cells)"),
            )
        }
        many => {
            // Name at most three in the message; `suspects` holds them all.
            let parts: Vec<(String, String)> = many.iter().take(3).map(one).collect();
            let zh: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
            let en: Vec<&str> = parts.iter().map(|p| p.1.as_str()).collect();
            let (more_zh, more_en) = if many.len() > 3 {
                (
                    format!("（共 {} 种可能）", many.len()),
                    format!(" ({} possibilities)", many.len()),
                )
            } else {
                (String::new(), String::new())
            };
            (
                format!("；无法确定是哪一格：{}{more_zh}", zh.join("，或 ")),
                format!("; undecided between: {}{more_en}", en.join(", or ")),
            )
        }
    }
}

/// Orders cells so that the suspected ones come first.
pub(crate) fn suspects_first(cells: &mut [String], suspects: &[Vec<Suspect>]) {
    if suspects.is_empty() {
        return;
    }
    let is_suspect = |c: &String| suspects.iter().flatten().any(|s| &s.cell == c);
    cells.sort_by_key(|c| !is_suspect(c));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_4_is_the_last_fifteen_cells() {
        for t in [TemplateId::V2019, TemplateId::V2021] {
            let cells = template::get(t).cells();
            let last: Vec<&str> = cells[cells.len() - 15..]
                .iter()
                .map(|c| c.key.as_str())
                .collect();
            let want: Vec<&str> = S4_KEYS.iter().flatten().copied().collect();
            assert_eq!(last, want);
            let l = S3Layout::get(t);
            assert_eq!(l.key(0, 0), "s3.r1.natural");
            assert_eq!(l.key(l.r4, TOTAL), "s3.r4.total");
        }
    }

    #[test]
    fn same_is_str_eq() {
        let keys: Vec<&str> = template::get(TemplateId::V2021)
            .cells()
            .iter()
            .map(|c| c.key.as_str())
            .chain([
                "",
                "a",
                "s3.r1",
                "s3.r1.x",
                "s3.r1.xy",
                "s3.r1.naturam",
                "s3.r1.natural",
            ])
            .collect();
        for a in &keys {
            for b in &keys {
                assert_eq!(same(a, b), a == b, "{a} {b}");
            }
        }
    }

    #[test]
    fn get_finds_every_cell_as_the_report_lookup_does() {
        for t in [TemplateId::V2019, TemplateId::V2021] {
            // Every third cell filled, the others absent.
            let mut r = Report {
                template: Some(t),
                ..Report::default()
            };
            for (n, c) in template::get(t).cells().iter().enumerate().step_by(3) {
                r.cells.insert(c.key.clone(), CellValue::Int(n as i64));
            }
            r.cells.insert("s9.stray", CellValue::Int(7));
            let v = View::new(&r);
            let other = match t {
                TemplateId::V2019 => TemplateId::V2021,
                TemplateId::V2021 => TemplateId::V2019,
            };
            let keys = template::get(t)
                .cells()
                .iter()
                .chain(template::get(other).cells());
            for k in keys
                .map(|c| c.key.as_str())
                .chain(["s9.stray", "", "s3", "x"])
            {
                assert_eq!(v.get(&r, k), V::of(r.cells.get(k)), "{k}");
                assert_eq!(v.has(&r, k), r.cells.contains_key(k), "{k}");
            }
        }
    }

    #[test]
    fn row_of_finds_each_row() {
        for t in [TemplateId::V2019, TemplateId::V2021] {
            let l = S3Layout::get(t);
            for (i, r) in l.rows.iter().enumerate() {
                assert_eq!(l.row_of(r.key), Some(i), "{}", r.key);
            }
            assert_eq!(l.row_of("r9"), None);
        }
    }

    #[test]
    fn table_3_rows_are_its_cells() {
        for t in [TemplateId::V2019, TemplateId::V2021] {
            let mut r = crate::rules::testing::zeros(t);
            r.cells.insert("s3.r4.total", CellValue::Int(9));
            let v = View::new(&r);
            let l = S3Layout::get(t);
            assert_eq!(v.s3_rows().len(), l.rows.len());
            assert_eq!(v.s3(l.r4, TOTAL), V::Int(9));
            assert_eq!(v.s3(0, S3_COLS), V::Absent);
        }
        assert!(View::new(&Report::default()).s3_rows().is_empty());
    }

    #[test]
    fn stray_keys_are_kept_apart() {
        let mut r = Report::empty(TemplateId::V2021);
        r.cells.insert("s2.rules.made", CellValue::Int(1));
        r.cells.insert("s3.r1.natural", CellValue::Int(4));
        let v = View::new(&r);
        assert_eq!(v.stray, vec!["s2.rules.made".to_string()]);
        assert_eq!(v.s3(0, 0), V::Int(4));
    }
}
