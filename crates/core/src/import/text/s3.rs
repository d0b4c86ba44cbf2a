//! Section 3: the value groups are aligned to the template rows in order (dynamic
//! programming), anchored by the labels that can be read. PDF extraction displaces, splits and
//! wraps labels but keeps the rows' order; crawler copies keep labels but glue the numbers.

use super::cells::{trim_fields, trimmed, Sink};
use super::doc::{norm_static, Doc};
use super::index::Scorer;
use super::labels::{self, FRAGMENT, FUZZY, STRONG};
use super::tables::{row_index, specs, write, Placed, MAX_GROUPS};
use super::tokens::Group;
use crate::model::{CellValue, TemplateId};
use std::borrow::Cow;

/// Group labels of section 3 and the 2019 single （六） row: a group labelled only by one of
/// these is a subtotal or a row of the other template — an extra row.
const S3_EXTRA_LABELS: [&str; 5] = [
    "（三）不予公开",
    "（四）无法提供",
    "（五）不予处理",
    "（六）其他处理",
    "三、本年度办理结果",
];

fn s3_extra(label: &[char], strong_match: bool) -> Option<&'static str> {
    if strong_match {
        return None;
    }
    S3_EXTRA_LABELS
        .iter()
        .find(|l| label.ends_with(norm_static(l)))
        .copied()
}

const S3_COLS: usize = 7;

/// `next` continues `prev` when both are separated numbers, together exactly one row, and the
/// text between them names no row (`…只计这一情 447 7 0` / `形，不计其他情形） 0 0 0 454`).
fn wrapped_row(prev: &Group, next: &Group, scorer: &mut Scorer) -> bool {
    let count = |g: &Group| g.fields.iter().filter(|f| !f.empty).count();
    let (a, b) = (count(prev), count(next));
    a > 1 && b > 1 && a + b == S3_COLS && !scorer.reaches_fuzzy(&next.label)
}

/// Some tools add a 法人或其他组织 subtotal column (8 numbers a row). When most rows have 8
/// numbers and one column is, in most of them, the sum of the five legal-person columns, that
/// column is dropped and reported: S-05 once (only the importer sees columns) and each of its
/// numbers as I-01, so none is lost.
fn strip_subtotal_column<'a>(
    doc: &Doc,
    sink: &mut Sink,
    groups: &[Group<'a>],
) -> Option<Vec<Group<'a>>> {
    let nums = |g: &Group| -> Option<Vec<i64>> {
        let f = trimmed(&g.fields, S3_COLS + 1);
        (f.len() == S3_COLS + 1)
            .then(|| {
                f.iter()
                    .map(|x| CellValue::parse(x.text).as_i64())
                    .collect()
            })
            .flatten()
    };
    let rows: Vec<Vec<i64>> = groups.iter().filter_map(nums).collect();
    if rows.len() < 3 || rows.len() * 2 < groups.len() {
        return None;
    }
    // Subtotal right after 自然人 (index 1) or right before 总计 (index 6).
    let fits = |k: usize| {
        rows.iter()
            .filter(|v| {
                let legal: i64 = (1..S3_COLS).filter(|&i| i != k).map(|i| v[i]).sum();
                v[k] == legal
            })
            .count()
    };
    let k = [1usize, 6].into_iter().max_by_key(|&k| fits(k))?;
    if fits(k) * 2 < rows.len() {
        return None;
    }
    let first = groups.iter().find(|g| nums(g).is_some())?;
    sink.findings.push(crate::import::extra_s3_column(
        "法人或其他组织",
        doc.source(first.start()),
    ));
    Some(
        groups
            .iter()
            .map(|g| {
                let mut g = g.clone();
                if nums(&g).is_some() {
                    g.fields = trim_fields(&g.fields, S3_COLS + 1);
                    let dropped = g.fields.remove(k);
                    sink.findings.push(crate::import::unplaced_number(
                        dropped.text,
                        doc.source(dropped.start),
                    ));
                }
                g
            })
            .collect(),
    )
}

/// Section 3: groups aligned to the rows in order, anchored by their labels.
pub fn read_s3(doc: &Doc, sink: &mut Sink, t: TemplateId, groups: &[Group]) {
    let specs = specs(t, 3);
    let Some(index) = row_index(t, 3) else {
        return;
    };
    let mut scorer = index.scorer();
    let stripped = strip_subtotal_column(doc, sink, groups);
    let groups = stripped.as_deref().unwrap_or(groups);
    // A group of 14, 21 … values with no blank is several rows on one line. Groups that stay
    // as they are are borrowed.
    let mut gs: Vec<Cow<Group>> = Vec::with_capacity(groups.len());
    for g in groups {
        let f = trimmed(&g.fields, S3_COLS);
        if f.len() > S3_COLS && f.len().is_multiple_of(S3_COLS) && f.iter().all(|x| !x.empty) {
            for (k, chunk) in f.chunks(S3_COLS).enumerate() {
                gs.push(Cow::Owned(Group {
                    label: if k == 0 { g.label.clone() } else { Vec::new() },
                    line_len: if k == 0 { g.line_len } else { 0 },
                    fields: chunk.to_vec(),
                    unit: None,
                }));
            }
        } else if let Some(prev) = gs.last_mut().filter(|p| wrapped_row(p, g, &mut scorer)) {
            // A row whose numbers wrapped around a piece of its label.
            prev.to_mut()
                .fields
                .extend(g.fields.iter().filter(|x| !x.empty).cloned());
        } else {
            gs.push(Cow::Borrowed(g));
        }
    }
    let overflow = gs.len().saturating_sub(MAX_GROUPS);
    for g in gs.iter().skip(MAX_GROUPS) {
        sink.unplaced(doc, g, "s3");
    }
    gs.truncate(gs.len() - overflow);
    let m = gs.len();
    let n = specs.len();
    // Of several row labels in one stretch of text, the one nearest the group counts: the last
    // one in the text before it, the first one in the text after it. The others are leftovers
    // of neighbouring rows.
    // Each group's label scored against every row once; the line label and the text after a
    // group are often the very same text, and then reuse these.
    let raw_label: Vec<Vec<(i32, usize)>> = gs.iter().map(|g| scorer.score(&g.label)).collect();
    let scored = |at: &[(i32, usize)], nearest_is_last: bool| -> Vec<i32> {
        let ends = at.iter().filter(|(v, _)| *v >= FUZZY).map(|(_, e)| *e);
        let near = if nearest_is_last {
            ends.max()
        } else {
            ends.min()
        }
        .unwrap_or(0);
        at.iter()
            .map(|&(v, e)| if v >= FUZZY && e != near { FRAGMENT } else { v })
            .collect()
    };
    // A group without a (clear) label on its own line may be labelled by the text after it (PDF
    // extraction puts a wrapped label around its numbers): the lines between it and the next
    // group, minus the next group's own line.
    // Only whether the line's label reaches FUZZY for some row matters.
    let line_named: Vec<bool> = gs
        .iter()
        .zip(&raw_label)
        .map(|(g, at)| {
            if g.line_len == g.label.len() {
                at.iter().any(|(v, _)| *v >= FUZZY)
            } else {
                scorer.reaches_fuzzy(g.line_label())
            }
        })
        .collect();
    let score: Vec<Vec<i32>> = (0..gs.len())
        .map(|i| {
            let mut sc = scored(&raw_label[i], true);
            if let (true, Some(next)) = (!line_named[i], gs.get(i + 1)) {
                let cut = next.label.len().saturating_sub(next.line_len);
                let after = if cut == next.label.len() {
                    scored(&raw_label[i + 1], false)
                } else {
                    scored(&scorer.score(&next.label[..cut]), false)
                };
                for (v, a) in sc.iter_mut().zip(after) {
                    *v = (*v).max(a - 2);
                }
            }
            sc
        })
        .collect();
    let extra: Vec<Option<&'static str>> = gs
        .iter()
        .zip(&score)
        .map(|(g, sc)| s3_extra(g.line_label(), sc.iter().any(|v| *v >= FUZZY)))
        .collect();
    // A label on the group's own line is certain; text on the lines between two groups may
    // belong to either, so only the former forbids other rows.
    let assign = |s: i32, line_named: bool| -> i32 {
        let pen = if line_named && s < FUZZY {
            3 * STRONG
        } else {
            0
        };
        1 + s - pen
    };
    let drop = |i: usize| -> i32 {
        if extra[i].is_some() {
            4
        } else {
            -4
        }
    };
    let mut gains: Vec<i32> = Vec::with_capacity(m * n);
    for (sc, &named) in score.iter().zip(&line_named) {
        // A group's scores are the index's rows, which are the specs (`row_index`).
        debug_assert_eq!(sc.len(), n);
        gains.extend(sc.iter().map(|&s| assign(s, named)));
    }
    let drops: Vec<i32> = (0..m).map(drop).collect();
    let slots = align(m, n, &gains, &drops);
    let mut placed = Vec::new();
    for (k, g) in gs.iter().enumerate() {
        match (slots[k], extra[k]) {
            (Some(j), _) => {
                if let Some(span) = labels::typo_span(&g.label, norm_static(specs[j].row.label)) {
                    sink.label_typo(doc, g, specs[j].cells(), &span, specs[j].row.label);
                }
                placed.push(Placed { spec: j, group: g });
            }
            (None, Some(label)) => sink.extra("s3", label.to_string(), g, S3_COLS),
            (None, None) => sink.unplaced(doc, g, "s3"),
        }
    }
    write(doc, sink, "s3", specs, &placed);
}

/// The in-order alignment of `m` groups to `n` rows: `gains[i * n + j]` for group `i` in row
/// `j`, `drops[i]` for leaving group `i` out, skipped rows free. Returns each group's row.
///
/// The table is filled cell by cell from its three neighbours (diagonal, then above, then
/// left, each kept only when strictly better): the order in which [`align_plain`] (in the
/// tests) pushes them forward, so ties go the same way.
fn align(m: usize, n: usize, gains: &[i32], drops: &[i32]) -> Vec<Option<usize>> {
    // dp[i][j]: best score with the first i groups and the first j rows. Back: 0 assign, 1 skip
    // row, 2 drop group.
    const NEG: i32 = i32::MIN / 4;
    let w = n + 1;
    let mut dp = vec![NEG; (m + 1) * w];
    let mut back = vec![0u8; (m + 1) * w];
    dp[0] = 0;
    for j in 1..=n {
        dp[j] = dp[j - 1];
        back[j] = 1;
    }
    for i in 1..=m {
        let (done, rest) = dp.split_at_mut(i * w);
        let up = &done[(i - 1) * w..i * w];
        let row = &mut rest[..w];
        let brow = &mut back[i * w..(i + 1) * w];
        let gain = &gains[(i - 1) * n..i * n];
        let drop = drops[i - 1];
        // Column 0: only dropping reaches it.
        row[0] = up[0] + drop;
        brow[0] = 2;
        // Cell j from the cell above-left (`diag`), above, and left; zipped, so that no index
        // is checked.
        let mut left = row[0];
        let cells = up.iter().zip(&up[1..]).zip(gain);
        for ((((&diag, &above), &g), slot), b) in cells.zip(&mut row[1..]).zip(&mut brow[1..]) {
            let (mut v, mut m) = (diag + g, 0u8);
            if above + drop > v {
                v = above + drop;
                m = 2;
            }
            if left > v {
                v = left;
                m = 1;
            }
            *slot = v;
            *b = m;
            left = v;
        }
    }
    backtrack(&back, m, n)
}

/// Each group's row, read back from the moves of an alignment table of `m + 1` rows of
/// `n + 1` (0 assign, 1 skip a row, 2 drop a group).
fn backtrack(back: &[u8], m: usize, n: usize) -> Vec<Option<usize>> {
    let w = n + 1;
    let (mut i, mut j) = (m, n);
    let mut slots: Vec<Option<usize>> = vec![None; m];
    while i > 0 || j > 0 {
        match back[i * w + j] {
            0 if i > 0 && j > 0 => {
                slots[i - 1] = Some(j - 1);
                i -= 1;
                j -= 1;
            }
            1 if j > 0 => j -= 1,
            _ if i > 0 => i -= 1,
            _ => break,
        }
    }
    slots
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain form of [`align`]: every reached cell pushes its three moves forward.
    fn align_plain(m: usize, n: usize, gains: &[i32], drops: &[i32]) -> Vec<Option<usize>> {
        let assign = |i: usize, j: usize| gains[i * n + j];
        let drop = |i: usize| drops[i];
        // dp[i][j]: best score with the first i groups and the first j rows. Back: 0 assign,
        // 1 skip row, 2 drop group.
        const NEG: i32 = i32::MIN / 4;
        let w = n + 1;
        let mut dp = vec![NEG; (m + 1) * w];
        let mut back = vec![0u8; (m + 1) * w];
        dp[0] = 0;
        for i in 0..=m {
            for j in 0..=n {
                let cur = dp[i * w + j];
                if cur == NEG {
                    continue;
                }
                let mut relax = |ii: usize, jj: usize, v: i32, b: u8| {
                    if v > dp[ii * w + jj] {
                        dp[ii * w + jj] = v;
                        back[ii * w + jj] = b;
                    }
                };
                if i < m && j < n {
                    relax(i + 1, j + 1, cur + assign(i, j), 0);
                }
                if j < n {
                    relax(i, j + 1, cur, 1);
                }
                if i < m {
                    relax(i + 1, j, cur + drop(i), 2);
                }
            }
        }
        backtrack(&back, m, n)
    }

    #[test]
    fn align_is_align_plain() {
        let mut seed = 99u64;
        let mut rnd = |k: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % k
        };
        for _ in 0..3000 {
            let (m, n) = (rnd(12) as usize, rnd(12) as usize);
            // Few distinct values: many ties.
            let vals = [-29, -4, 1, 3, 7, 11, 14];
            let gains: Vec<i32> = (0..m * n).map(|_| vals[rnd(7) as usize]).collect();
            let drops: Vec<i32> = (0..m).map(|_| [4, -4][rnd(2) as usize]).collect();
            assert_eq!(
                align(m, n, &gains, &drops),
                align_plain(m, n, &gains, &drops),
                "{m}x{n} {gains:?} {drops:?}"
            );
        }
    }
}
