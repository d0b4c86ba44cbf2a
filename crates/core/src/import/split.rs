//! Splitting numbers that ran together. Crawler copies of web pages put a table's cells side by
//! side with no separator ("行政许可3960181"); only the template's arithmetic (row totals,
//! column identities, section-4 totals) can tell where one number ends. When exactly one split
//! satisfies the identities it is taken; when several do, the most plausible is taken and the
//! others are returned as alternatives, so the importer can flag the cell (I-02).
//!
//! Rules of the split (all tables):
//! - white space is a hard boundary: a cell never spans two space-separated tokens;
//! - a multi-digit number has no leading zero (`00` is two cells, `023` is `0`, `23`);
//! - a cell holds at most 15 digits (longer runs are not a valid split, never an overflow);
//! - a sign (`+`/`-`) only starts a `Signed` cell, a decimal point only sits inside a `Money`
//!   cell.
//!
//! Section 3 rows are read together: each row's splits with 总计 = sum of the six columns are
//! kept (all splits when none has), then the combination satisfying the most column identities
//! (T3-01, T3-03) wins. Section 4: each group of five with 总计 = sum of the four. Section 2:
//! no identity decides; a plausibility order picks the best and every other valid split is an
//! alternative. Every search is bounded (candidate cap and step budget), so any input returns
//! within milliseconds.

use crate::model::CellValue;
use crate::template::Kind;

/// One row's text as found after its label: digits, spaces, signs, decimal points (e.g.
/// `"3960181"`, `"23 0 00 0 023"`, `"2648-18538"`, `"13575394432.52元"` with the unit removed).
#[derive(Clone, Debug)]
pub struct RawRow {
    /// The row key within its table (`r3_3_1`, `rules`, `review` …).
    pub row: &'static str,
    pub text: String,
    /// The kind of each cell of the row, in column order.
    pub kinds: Vec<Kind>,
}

/// How one row was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// One value per column.
    pub values: Vec<CellValue>,
    /// Other splits that are just as consistent with the text and the identities; empty when the
    /// reading is certain. Each alternative has one value per column.
    pub alternatives: Vec<Vec<CellValue>>,
}

impl Reading {
    /// True when the text fixes every cell.
    pub fn is_certain(&self) -> bool {
        self.alternatives.is_empty()
    }

    /// The columns (0-based) whose value differs in at least one alternative: the cells to flag
    /// (I-02). Columns that every alternative agrees on are certain even in an ambiguous row.
    pub fn uncertain_cells(&self) -> Vec<usize> {
        (0..self.values.len())
            .filter(|&i| {
                self.alternatives
                    .iter()
                    .any(|alt| alt.get(i) != self.values.get(i))
            })
            .collect()
    }
}

/// A value known from elsewhere in the report (prose such as "制发规范性文件77件"), used to
/// choose among the splits of a row. A hint that no split matches is ignored (the prose may be
/// wrong or use another scope), so hints never make a row unreadable.
#[derive(Clone, Debug, PartialEq)]
pub struct Hint {
    /// The row key (`normative`).
    pub row: String,
    /// The column index (0-based) within the row.
    pub col: usize,
    pub value: f64,
}

/// Extra knowledge for [`split_table_with`]. `Default` = none.
#[derive(Clone, Debug, Default)]
pub struct SplitOptions {
    /// Values known from the prose (see [`Hint`]).
    pub hints: Vec<Hint>,
    /// The unit of the money cells as the report writes it (`元`, `万元`), when known. Used for
    /// the plausibility of 采购项目数量 / 采购总金额 splits (typical project size); `None` means 元.
    pub money_unit: Option<String>,
}

/// Reads the rows of one table (`s2` rows one by one, the `s3` rows together so the column
/// identities can decide, the one `s4` row of 15 cells split into its three groups of five).
/// `table` is `s2`, `s3` or `s4`. Returns one entry per input row, `None` when the row's text
/// cannot be split into its cells at all.
pub fn split_table(table: &str, rows: &[RawRow]) -> Vec<Option<Reading>> {
    split_table_with(table, rows, &SplitOptions::default())
}

/// [`split_table`] with hints from the prose and the money unit.
pub fn split_table_with(table: &str, rows: &[RawRow], opts: &SplitOptions) -> Vec<Option<Reading>> {
    let table = table.split('.').next().unwrap_or(table);
    match table {
        "s3" => split_s3(rows),
        "s4" => rows.iter().map(split_s4_row).collect(),
        _ => rows.iter().map(|r| split_s2_row(r, opts)).collect(),
    }
}

// ---- Enumerating the splits of one row ----------------------------------------------------

/// Most digits a cell may hold.
const MAX_DIGITS: usize = 15;
/// Most characters of one cell's text (sign or decimal point + digits).
const MAX_PIECE: usize = MAX_DIGITS + 2;
/// Most splits kept per row.
const MAX_CANDIDATES: usize = 10_000;
/// Most search steps per row.
const STEP_BUDGET: u64 = 100_000;
/// Most alternatives returned per row.
const MAX_ALTERNATIVES: usize = 200;

/// The row text as ASCII tokens, or `None` when it holds anything but digits, signs, decimal
/// points and white space, or cannot be split into `cells` cells at all (more tokens than cells,
/// more characters than the cells can hold): such text is rejected before any search.
fn tokens(text: &str, cells: usize) -> Option<Vec<Vec<u8>>> {
    let max_chars = cells.saturating_mul(MAX_PIECE);
    let mut chars = 0usize;
    let mut toks = Vec::new();
    let mut cur = Vec::new();
    for c in text.chars() {
        if toks.len() > cells || chars > max_chars {
            return None;
        }
        let c = crate::text::fold_width(c);
        let c = match c {
            '－' | '−' => '-',
            '．' => '.',
            _ => c,
        };
        if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' {
            if !cur.is_empty() {
                toks.push(std::mem::take(&mut cur));
            }
        } else if c.is_ascii_digit() || matches!(c, '+' | '-' | '.') {
            cur.push(c as u8);
            chars += 1;
        } else {
            return None;
        }
    }
    if !cur.is_empty() {
        toks.push(cur);
    }
    (toks.len() <= cells && chars <= max_chars).then_some(toks)
}

/// A run of digits without a leading zero (unless it is `0`), at most 15 digits.
fn plain_digits(s: &[u8]) -> Option<i64> {
    if s.is_empty() || s.len() > MAX_DIGITS || (s.len() > 1 && s[0] == b'0') {
        return None;
    }
    s.iter().try_fold(0i64, |acc, &b| {
        if b.is_ascii_digit() {
            acc.checked_mul(10)?.checked_add(i64::from(b - b'0'))
        } else {
            None
        }
    })
}

/// The value of one cell's text if it is a valid cell of this kind.
fn piece_value(s: &[u8], kind: Kind) -> Option<CellValue> {
    match kind {
        Kind::Count => plain_digits(s).map(CellValue::Int),
        Kind::Signed => {
            let (neg, body) = match s.first()? {
                b'-' => (true, &s[1..]),
                b'+' => (false, &s[1..]),
                _ => (false, s),
            };
            let v = plain_digits(body)?;
            Some(CellValue::Int(if neg { -v } else { v }))
        }
        Kind::Money => {
            let dot = s.iter().position(|&b| b == b'.');
            match dot {
                None => plain_digits(s).map(CellValue::Int),
                Some(d) => {
                    let (int, frac) = (&s[..d], &s[d + 1..]);
                    plain_digits(int)?;
                    if frac.is_empty()
                        || !frac.iter().all(u8::is_ascii_digit)
                        || int.len() + frac.len() > MAX_DIGITS
                    {
                        return None;
                    }
                    let text = std::str::from_utf8(s).ok()?;
                    text.parse::<f64>().ok().map(CellValue::Dec)
                }
            }
        }
    }
}

/// Depth-first enumeration of the splits of a row into `kinds.len()` cells. `check(i, cells)`
/// is called after cell `i` was placed and may reject the prefix (identities).
struct Enumerator<'a> {
    toks: &'a [Vec<u8>],
    kinds: &'a [Kind],
    /// Characters from the start of token `t` to the end of the row.
    suffix: Vec<usize>,
    check: &'a dyn Fn(usize, &[CellValue]) -> bool,
    out: Vec<Vec<CellValue>>,
    cur: Vec<CellValue>,
    steps: u64,
}

impl Enumerator<'_> {
    fn run(
        toks: &[Vec<u8>],
        kinds: &[Kind],
        check: &dyn Fn(usize, &[CellValue]) -> bool,
    ) -> Vec<Vec<CellValue>> {
        let mut suffix = vec![0usize; toks.len() + 1];
        for t in (0..toks.len()).rev() {
            suffix[t] = suffix[t + 1].saturating_add(toks[t].len());
        }
        let mut e = Enumerator {
            toks,
            kinds,
            suffix,
            check,
            out: Vec::new(),
            cur: Vec::with_capacity(kinds.len()),
            steps: 0,
        };
        if !kinds.is_empty() {
            e.dfs(0, 0);
        }
        e.out
    }

    fn dfs(&mut self, t: usize, p: usize) {
        if self.out.len() >= MAX_CANDIDATES || self.steps >= STEP_BUDGET {
            return;
        }
        self.steps += 1;
        let i = self.cur.len();
        let n = self.kinds.len();
        if t == self.toks.len() {
            if i == n {
                self.out.push(self.cur.clone());
            }
            return;
        }
        if i == n {
            return;
        }
        let cells_left = n - i;
        let toks_left = self.toks.len() - t;
        let chars_left = self.suffix[t].saturating_sub(p);
        if cells_left < toks_left
            || cells_left > chars_left
            || chars_left > cells_left.saturating_mul(MAX_PIECE)
        {
            return;
        }
        let tok = &self.toks[t];
        let end = tok.len().min(p + MAX_PIECE);
        for e in p + 1..=end {
            let Some(v) = piece_value(&tok[p..e], self.kinds[i]) else {
                continue;
            };
            self.cur.push(v);
            if (self.check)(i, &self.cur) {
                if e == tok.len() {
                    self.dfs(t + 1, 0);
                } else {
                    self.dfs(t, e);
                }
            }
            self.cur.pop();
        }
    }
}

fn no_check(_: usize, _: &[CellValue]) -> bool {
    true
}

/// The text already separated into exactly as many tokens as cells, each a number or a mark
/// (`/`, `-`, `无` …): the cells as written (the rules judge them).
fn split_separated(row: &RawRow) -> Option<Reading> {
    let tokens: Vec<&str> = row
        .text
        .split_whitespace()
        .take(row.kinds.len() + 1)
        .collect();
    if tokens.len() != row.kinds.len() || tokens.is_empty() {
        return None;
    }
    let values: Vec<CellValue> = tokens.iter().map(|t| CellValue::parse(t)).collect();
    values
        .iter()
        .all(|v| v.is_number() || v.is_mark())
        .then_some(Reading {
            values,
            alternatives: Vec::new(),
        })
}

fn int(v: &CellValue) -> Option<i64> {
    v.as_i64()
}

/// Number of digits (text length) of a cell value, for plausibility orders.
fn width(v: &CellValue) -> i64 {
    match v {
        CellValue::Int(i) => {
            let mut n = i.unsigned_abs();
            let mut w = 1;
            while n >= 10 {
                n /= 10;
                w += 1;
            }
            w
        }
        CellValue::Dec(d) => d.abs().max(1.0).log10().floor() as i64 + 1,
        _ => 0,
    }
}

/// n·Σw² − (Σw)²: zero when all cells have the same width, larger the more unequal.
fn width_spread(vals: &[CellValue]) -> i64 {
    let ws: Vec<i64> = vals.iter().map(width).collect();
    let n = ws.len() as i64;
    let s: i64 = ws.iter().sum();
    let sq: i64 = ws.iter().map(|w| w * w).sum();
    n * sq - s * s
}

/// Builds the reading from candidates sorted best first.
fn reading(mut cands: Vec<Vec<CellValue>>) -> Option<Reading> {
    if cands.is_empty() {
        return None;
    }
    let values = cands.remove(0);
    cands.truncate(MAX_ALTERNATIVES);
    Some(Reading {
        values,
        alternatives: cands,
    })
}

// ---- Section 2 ---------------------------------------------------------------------------

fn split_s2_row(row: &RawRow, opts: &SplitOptions) -> Option<Reading> {
    let Some(toks) = tokens(&row.text, row.kinds.len()) else {
        return split_separated(row);
    };
    let mut cands = Enumerator::run(&toks, &row.kinds, &no_check);
    if cands.is_empty() {
        return split_separated(row);
    }
    for h in opts.hints.iter().filter(|h| h.row == row.row) {
        let matching: Vec<Vec<CellValue>> = cands
            .iter()
            .filter(|c| c.get(h.col).and_then(CellValue::as_f64) == Some(h.value))
            .cloned()
            .collect();
        if !matching.is_empty() {
            cands = matching;
        }
    }
    let unit = opts.money_unit.as_deref().unwrap_or("元");
    cands.sort_by_cached_key(|c| s2_score(&row.kinds, c, unit));
    reading(cands)
}

/// Plausibility of a section-2 split, lower is better (SPEC.md §3, T2 rules, and what the
/// ground truth chose: equal groups `89/89/89`, a delta of `0`, 现行有效 the largest, typical
/// procurement project size).
fn s2_score(kinds: &[Kind], c: &[CellValue], unit: &str) -> [i64; 4] {
    use Kind::*;
    match kinds {
        // 本年制发/废止/现行有效 (2021) or 新制作/新公开/对外公开总数量 (2019).
        [Count, Count, Count] => {
            let (a, b, t) = (
                int(&c[0]).unwrap_or(0),
                int(&c[1]).unwrap_or(0),
                int(&c[2]).unwrap_or(0),
            );
            let stock_violations = i64::from(t < a) + i64::from(t < b);
            [
                stock_violations,
                width_spread(c),
                i64::from(b > a),
                -t.min(i64::MAX / 2),
            ]
        }
        // 上一年项目数量 / 本年增减 (/ 处理决定数量).
        [Count, Signed] | [Count, Signed, Count] => {
            let prev = int(&c[0]).unwrap_or(0);
            let delta = int(&c[1]).unwrap_or(0);
            let negative = prev.checked_add(delta).is_none_or(|s| s < 0);
            [
                i64::from(negative),
                i64::from(delta != 0),
                width_spread(c),
                delta.abs(),
            ]
        }
        // 采购项目数量 / 采购总金额: the average project size closest to a typical one.
        [Count, Money] => {
            let projects = int(&c[0]).unwrap_or(0);
            let amount = c[1].as_f64().unwrap_or(0.0);
            let typical: f64 = if unit.contains('万') {
                50.0
            } else {
                500_000.0
            };
            let distance = if projects == 0 {
                if amount == 0.0 {
                    0
                } else {
                    1_000_000
                }
            } else if amount <= 0.0 {
                100_000
            } else {
                (((amount / projects as f64).log10() - typical.log10()).abs() * 1000.0) as i64
            };
            [distance, width_spread(c), 0, 0]
        }
        _ => [width_spread(c), 0, 0, 0],
    }
}

// ---- Section 4 ---------------------------------------------------------------------------

/// Size of a section-4 group (结果维持, 结果纠正, 其他结果, 尚未审结, 总计).
const S4_GROUP: usize = 5;

/// Whether group `g` of a section-4 row satisfies 总计 = sum of the four.
fn s4_group_ok(c: &[CellValue], g: usize) -> bool {
    let base = g * S4_GROUP;
    let Some(group) = c.get(base..base + S4_GROUP) else {
        return false;
    };
    let parts = group[..S4_GROUP - 1]
        .iter()
        .try_fold(0i64, |acc, v| acc.checked_add(int(v)?));
    parts.is_some() && parts == int(&group[S4_GROUP - 1])
}

fn split_s4_row(row: &RawRow) -> Option<Reading> {
    let Some(toks) = tokens(&row.text, row.kinds.len()) else {
        return split_separated(row);
    };
    let groups = row.kinds.len() / S4_GROUP;
    let check = |i: usize, cur: &[CellValue]| {
        !(i + 1).is_multiple_of(S4_GROUP) || s4_group_ok(cur, i / S4_GROUP)
    };
    let mut cands = Enumerator::run(&toks, &row.kinds, &check);
    if cands.is_empty() {
        // The report's own totals are wrong: keep the splits breaking the fewest groups.
        cands = Enumerator::run(&toks, &row.kinds, &no_check);
        let broken = |c: &Vec<CellValue>| (0..groups).filter(|&g| !s4_group_ok(c, g)).count();
        let Some(best) = cands.iter().map(broken).min() else {
            return split_separated(row);
        };
        cands.retain(|c| broken(c) == best);
    }
    cands.sort_by_cached_key(|c| {
        let ws: Vec<i64> = c.iter().map(|v| -width(v)).collect();
        (width_spread(c), ws)
    });
    reading(cands)
}

// ---- Section 3 ---------------------------------------------------------------------------

/// Columns of section 3 (C1..C6, C7 = 总计).
const S3_COLS: usize = 7;
/// Largest number of combinations tried exhaustively.
const S3_EXHAUSTIVE: u64 = 50_000;
/// Candidates per row considered by the local search.
const S3_LOCAL_CANDS: usize = 200;

fn s3_row_ok(c: &[CellValue]) -> bool {
    if c.len() != S3_COLS {
        return false;
    }
    let parts = c[..S3_COLS - 1]
        .iter()
        .try_fold(0i64, |acc, v| acc.checked_add(int(v)?));
    parts.is_some() && parts == int(&c[S3_COLS - 1])
}

/// A result row counted into （七）总计 (T3-03).
fn is_result_row(key: &str) -> bool {
    key == "r3_1"
        || key == "r3_2"
        || key == "r3_6"
        || ["r3_3_", "r3_4_", "r3_5_", "r3_6_"]
            .iter()
            .any(|p| key.strip_prefix(p).is_some_and(|n| n.parse::<u8>().is_ok()))
}

/// The rows T3-03 needs in full (either （六） form).
fn t3_03_complete(keys: &[&str]) -> bool {
    let has = |k: &str| keys.contains(&k);
    let mut need: Vec<String> = vec!["r3_1".into(), "r3_2".into()];
    need.extend((1..=8).map(|i| format!("r3_3_{i}")));
    need.extend((1..=3).map(|i| format!("r3_4_{i}")));
    need.extend((1..=5).map(|i| format!("r3_5_{i}")));
    need.iter().all(|k| has(k)) && (has("r3_6") || (1..=3).all(|i| has(&format!("r3_6_{i}"))))
}

/// The column identities of section 3 over the rows read.
struct S3Identities {
    r1: Option<usize>,
    r2: Option<usize>,
    r3_7: Option<usize>,
    r4: Option<usize>,
    results: Vec<usize>,
    t3_03: bool,
}

impl S3Identities {
    fn new(rows: &[RawRow]) -> S3Identities {
        let find = |k: &str| rows.iter().position(|r| r.row == k);
        let keys: Vec<&str> = rows.iter().map(|r| r.row).collect();
        S3Identities {
            r1: find("r1"),
            r2: find("r2"),
            r3_7: find("r3_7"),
            r4: find("r4"),
            results: (0..rows.len())
                .filter(|&i| is_result_row(rows[i].row))
                .collect(),
            t3_03: t3_03_complete(&keys),
        }
    }

    /// How many of the 14 identities (T3-01 and T3-03 per column) hold; `cell(row, col)` gives
    /// the chosen value (None: unknown, the identity is not evaluable).
    fn satisfied(&self, cell: &dyn Fn(usize, usize) -> Option<i64>) -> u32 {
        let mut n = 0;
        for col in 0..S3_COLS {
            let get = |r: Option<usize>| r.and_then(|r| cell(r, col));
            if let (Some(a), Some(b), Some(t), Some(d)) =
                (get(self.r1), get(self.r2), get(self.r3_7), get(self.r4))
            {
                if a.checked_add(b).is_some() && a.checked_add(b) == t.checked_add(d) {
                    n += 1;
                }
            }
            if self.t3_03 {
                if let Some(t) = get(self.r3_7) {
                    let sum = self
                        .results
                        .iter()
                        .try_fold(0i64, |acc, &r| acc.checked_add(cell(r, col)?));
                    if sum == Some(t) {
                        n += 1;
                    }
                }
            }
        }
        n
    }
}

fn split_s3(rows: &[RawRow]) -> Vec<Option<Reading>> {
    // Candidates per row: row-consistent splits, or all splits when none is.
    let mut cands: Vec<Vec<Vec<CellValue>>> = Vec::with_capacity(rows.len());
    let mut fixed: Vec<Option<Reading>> = vec![None; rows.len()];
    for (i, row) in rows.iter().enumerate() {
        let mut c = match tokens(&row.text, row.kinds.len()) {
            Some(toks) if row.kinds.len() == S3_COLS => {
                let check = |i: usize, cur: &[CellValue]| i + 1 != S3_COLS || s3_row_ok(cur);
                let ok = Enumerator::run(&toks, &row.kinds, &check);
                if ok.is_empty() {
                    Enumerator::run(&toks, &row.kinds, &no_check)
                } else {
                    ok
                }
            }
            Some(toks) => Enumerator::run(&toks, &row.kinds, &no_check),
            None => Vec::new(),
        };
        if c.is_empty() {
            // Marks or text: as written, outside the identities.
            fixed[i] = split_separated(row);
        }
        // Prior when the identities do not decide: 自然人 first (wider C1, then C2 …).
        c.sort_by_cached_key(|v| v.iter().map(|x| -width(x)).collect::<Vec<i64>>());
        cands.push(c);
    }

    let ids = S3Identities::new(rows);
    let (choice, alts) = choose_s3(&cands, &ids);

    let mut out = fixed;
    for (r, c) in cands.iter().enumerate() {
        if c.is_empty() {
            continue;
        }
        let values = c[choice[r]].clone();
        let mut alternatives: Vec<Vec<CellValue>> = alts[r]
            .iter()
            .filter(|&&k| k != choice[r])
            .map(|&k| c[k].clone())
            .collect();
        alternatives.truncate(MAX_ALTERNATIVES);
        out[r] = Some(Reading {
            values,
            alternatives,
        });
    }
    out
}

/// Picks one candidate per row maximising the identities; returns the choice and, per row, the
/// candidates that occur in some equally good combination.
fn choose_s3(cands: &[Vec<Vec<CellValue>>], ids: &S3Identities) -> (Vec<usize>, Vec<Vec<usize>>) {
    let n = cands.len();
    let multi: Vec<usize> = (0..n).filter(|&r| cands[r].len() > 1).collect();
    let mut choice = vec![0usize; n];
    let mut alts: Vec<Vec<usize>> = vec![Vec::new(); n];
    if multi.is_empty() {
        return (choice, alts);
    }
    let score = |sel: &[usize]| {
        ids.satisfied(&|r, col| {
            cands
                .get(r)
                .and_then(|c| c.get(sel[r]))
                .and_then(|v| v.get(col))
                .and_then(int)
        })
    };
    let product = multi.iter().try_fold(1u64, |acc, &r| {
        acc.checked_mul(cands[r].len() as u64)
            .filter(|&p| p <= S3_EXHAUSTIVE)
    });

    if product.is_some() {
        // Exhaustive: every combination, mixed-radix counter over the ambiguous rows.
        let mut sel = vec![0usize; n];
        let mut best: Option<u32> = None;
        let mut optimal: Vec<Vec<bool>> = cands.iter().map(|c| vec![false; c.len()]).collect();
        loop {
            let s = score(&sel);
            match best {
                Some(b) if s < b => {}
                Some(b) if s == b => {
                    for &r in &multi {
                        optimal[r][sel[r]] = true;
                    }
                }
                _ => {
                    best = Some(s);
                    choice.clone_from(&sel);
                    for o in optimal.iter_mut() {
                        o.iter_mut().for_each(|x| *x = false);
                    }
                    for &r in &multi {
                        optimal[r][sel[r]] = true;
                    }
                }
            }
            // Next combination (last ambiguous row fastest).
            let mut done = true;
            for &r in multi.iter().rev() {
                sel[r] += 1;
                if sel[r] < cands[r].len() {
                    done = false;
                    break;
                }
                sel[r] = 0;
            }
            if done {
                break;
            }
        }
        for &r in &multi {
            alts[r] = (0..cands[r].len()).filter(|&k| optimal[r][k]).collect();
        }
        return (choice, alts);
    }

    // Too many combinations: local search from the prior, one row at a time.
    let mut best = score(&choice);
    for _ in 0..5 {
        let mut improved = false;
        for &r in &multi {
            for k in 0..cands[r].len().min(S3_LOCAL_CANDS) {
                let old = choice[r];
                choice[r] = k;
                let s = score(&choice);
                if s > best {
                    best = s;
                    improved = true;
                } else {
                    choice[r] = old;
                }
            }
        }
        if !improved {
            break;
        }
    }
    for &r in &multi {
        let mut sel = choice.clone();
        alts[r] = (0..cands[r].len().min(S3_LOCAL_CANDS))
            .filter(|&k| {
                sel[r] = k;
                score(&sel) == best
            })
            .collect();
    }
    (choice, alts)
}

// ---- Hints from the prose ----------------------------------------------------------------

/// Figures of the 规范性文件 row that the prose states: "制发(的)规范性文件77件",
/// "制定规范性文件5件", "现行有效(的)(行政)规范性文件16件", and the clauses after such a
/// figure ("，废止2件，现行有效14件"). Pass them to [`split_table_with`]: they only choose among
/// the splits of the run, and are ignored when no split matches (the prose may be wrong).
/// Template 2019 has no 废止 column (its columns are 新制作/新公开/对外公开总数量), so 废止 is
/// not used there.
pub fn prose_hints(text: &str, template: crate::model::TemplateId) -> Vec<Hint> {
    use crate::model::TemplateId;
    use crate::text::fold_width;
    const DOC: &str = "规范性文件";
    // The figures are read on the text's own chars, widths folded one at a time: folding the
    // whole prose first cost more than all the rest. Folding neither makes nor breaks an
    // occurrence of DOC or of a keyword (their chars do not fold, and no char folds to one).
    let col_ok = |col: usize| col != 1 || template == TemplateId::V2021;
    let mut hints: Vec<Hint> = Vec::new();
    let mut push = |col: usize, value: f64| {
        if col_ok(col) && !hints.iter().any(|h| h.col == col) {
            hints.push(Hint {
                row: "normative".into(),
                col,
                value,
            });
        }
    };
    // `contains` is the faster search (SIMD); most prose never names DOC.
    if !text.contains(DOC) {
        return hints;
    }
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|t| t.find(DOC)) {
        let at = from + found;
        from = at + DOC.len();
        let Some((value, used)) = text.get(from..).and_then(number_jian) else {
            continue;
        };
        // The keyword: within 8 characters before, no punctuation in between.
        let before: Vec<char> = text.get(..at).unwrap_or("").chars().rev().take(8).collect();
        let before: String = before.into_iter().rev().map(fold_width).collect();
        let key = HINT_KEYS
            .iter()
            .filter_map(|&(k, col)| before.rfind(k).map(|p| (p, k, col)))
            .filter(|(p, k, _)| {
                !before
                    .get(p + k.len()..)
                    .unwrap_or("")
                    .chars()
                    .any(|c| "，。；、,.;:：".contains(c) || c.is_ascii_digit())
            })
            .max_by_key(|(p, _, _)| *p);
        let Some((_, _, col)) = key else {
            continue;
        };
        push(col, value);
        // Clauses that continue the sentence: "，废止2件，现行有效14件".
        let mut rest = text.get(from + used..).unwrap_or("");
        while let Some(r) = rest
            .chars()
            .next()
            .filter(|&c| fold_width(c) == ',')
            .and_then(|c| rest.get(c.len_utf8()..))
        {
            let Some(&(k, col)) = HINT_KEYS.iter().find(|(k, _)| r.starts_with(k)) else {
                break;
            };
            let r = r.get(k.len()..).unwrap_or("");
            let Some((v, n)) = number_jian(r) else {
                break;
            };
            push(col, v);
            rest = r.get(n..).unwrap_or("");
        }
    }
    hints
}

/// The keywords of [`prose_hints`] and the column each names.
const HINT_KEYS: [(&str, usize); 4] = [("制发", 0), ("制定", 0), ("废止", 1), ("现行有效", 2)];

/// A number (digits of any width) followed by 件 at the start of `rest`: its value and the
/// bytes it takes in `rest`, 件 included.
fn number_jian(rest: &str) -> Option<(f64, usize)> {
    let mut digits = String::new();
    let mut used = 0;
    for c in rest.chars() {
        let d = crate::text::fold_width(c);
        if !d.is_ascii_digit() {
            break;
        }
        digits.push(d);
        used += c.len_utf8();
    }
    if digits.is_empty() || digits.len() > MAX_DIGITS {
        return None;
    }
    rest.get(used..)?
        .starts_with('件')
        .then(|| {
            digits
                .parse::<f64>()
                .ok()
                .map(|v| (v, used + '件'.len_utf8()))
        })
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TemplateId;

    /// [`prose_hints`] as it was first written: the whole text folded, then read.
    fn prose_hints_plain(text: &str, template: TemplateId) -> Vec<Hint> {
        const KEYS: [(&str, usize); 4] = [("制发", 0), ("制定", 0), ("废止", 1), ("现行有效", 2)];
        const DOC: &str = "规范性文件";
        let col_ok = |col: usize| col != 1 || template == TemplateId::V2021;
        let s: String = text.chars().map(crate::text::fold_width).collect();
        let mut hints: Vec<Hint> = Vec::new();
        let mut push = |col: usize, value: f64| {
            if col_ok(col) && !hints.iter().any(|h| h.col == col) {
                hints.push(Hint {
                    row: "normative".into(),
                    col,
                    value,
                });
            }
        };
        let number_jian = |rest: &str| -> Option<(f64, usize)> {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if digits.is_empty() || digits.len() > MAX_DIGITS {
                return None;
            }
            rest.get(digits.len()..)?
                .starts_with('件')
                .then(|| {
                    digits
                        .parse::<f64>()
                        .ok()
                        .map(|v| (v, digits.len() + '件'.len_utf8()))
                })
                .flatten()
        };
        let mut from = 0;
        while let Some(found) = s[from..].find(DOC) {
            let at = from + found;
            from = at + DOC.len();
            let Some((value, used)) = s.get(from..).and_then(number_jian) else {
                continue;
            };
            let before: Vec<char> = s.get(..at).unwrap_or("").chars().rev().take(8).collect();
            let before: String = before.into_iter().rev().collect();
            let key = KEYS
                .iter()
                .filter_map(|&(k, col)| before.rfind(k).map(|p| (p, k, col)))
                .filter(|(p, k, _)| {
                    !before
                        .get(p + k.len()..)
                        .unwrap_or("")
                        .chars()
                        .any(|c| "，。；、,.;:：".contains(c) || c.is_ascii_digit())
                })
                .max_by_key(|(p, _, _)| *p);
            let Some((_, _, col)) = key else {
                continue;
            };
            push(col, value);
            let mut rest = s.get(from + used..).unwrap_or("");
            while let Some(r) = rest.strip_prefix('，').or_else(|| rest.strip_prefix(',')) {
                let Some(&(k, col)) = KEYS.iter().find(|(k, _)| r.starts_with(k)) else {
                    break;
                };
                let r = r.get(k.len()..).unwrap_or("");
                let Some((v, n)) = number_jian(r) else {
                    break;
                };
                push(col, v);
                rest = r.get(n..).unwrap_or("");
            }
        }
        hints
    }

    /// Reading the text's own chars gives what folding it first gives: on every corpus text,
    /// and on phrasings with full-width digits, commas and spaces.
    #[test]
    fn prose_hints_are_the_folded_reading() {
        let mut texts: Vec<String> = [
            "制发规范性文件77件，废止2件，现行有效14件。",
            "本年制发的规范性文件７７件，废止２件,现行有效１４件",
            "现行有效行政规范性文件16件；制定规范性文件5件，",
            "制定　规范性文件3件",
            "制发，规范性文件3件",
            "规范性文件件 规范性文件123456789012345件 废止规范性文件0件，现行有效",
            "废止规范性文件1件，，制发2件",
            "规范性文件",
            "",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        for dir in ["public", "partial", "html"] {
            let dir = format!(
                "{}/../../../shared/corpus/{dir}",
                env!("CARGO_MANIFEST_DIR")
            );
            let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir}: {e}"));
            for path in entries.flatten().map(|e| e.path()) {
                if let Ok(t) = std::fs::read_to_string(&path) {
                    texts.push(t);
                }
            }
        }
        let mut found = 0;
        for t in &texts {
            for template in [TemplateId::V2019, TemplateId::V2021] {
                let fast = prose_hints(t, template);
                assert_eq!(
                    fast,
                    prose_hints_plain(t, template),
                    "{}",
                    &t[..t.len().min(80)]
                );
                found += fast.len();
            }
        }
        assert!(found > 10, "the texts state figures: {found}");
    }
}
