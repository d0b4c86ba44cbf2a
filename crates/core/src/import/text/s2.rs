//! Section 2: each value group goes to the row its label names — in every layout the labels
//! of these short tables sit next to their values. Unknown labels are extra rows (provincial
//! variants such as 其他主动公开文件); numbers with no label at all may be cells a conversion
//! pushed out of their row.

use super::cells::{trimmed, Sink};
use super::doc::{norm_chars, Doc};
use super::labels::{self, FUZZY};
use super::tables::{row_index, specs, write, Placed, RowSpec, MAX_GROUPS};
use super::tokens::{Field, Group};
use crate::model::{CellValue, TemplateId};
use crate::template;

/// Header words of section 2 (captions, column labels), removed before judging an unknown label.
fn s2_header_words() -> &'static [Vec<char>] {
    static WORDS: std::sync::OnceLock<Vec<Vec<char>>> = std::sync::OnceLock::new();
    WORDS.get_or_init(build_s2_header_words)
}

fn build_s2_header_words() -> Vec<Vec<char>> {
    let mut w: Vec<Vec<char>> = ["信息内容", "单位万元", "万元", "元", "第二十条"]
        .iter()
        .map(|s| norm_chars(s))
        .collect();
    for t in [TemplateId::V2019, TemplateId::V2021] {
        for table in template::get(t).section_tables(2) {
            w.push(norm_chars(table.caption));
            for c in table.columns {
                w.push(norm_chars(c.label));
                w.extend(c.aliases.iter().map(|a| norm_chars(a)));
            }
        }
    }
    w.sort_by_key(|x| std::cmp::Reverse(x.len()));
    w
}

fn strip_words(label: &[char], words: &[Vec<char>]) -> Vec<char> {
    let mut s: Vec<char> = label.to_vec();
    for w in words {
        while let Some(end) = labels::rfind(&s, w) {
            s.drain(end - w.len()..end);
        }
    }
    // Leftover caption pieces like 第一项 / 第（五）项.
    while let Some(p) = s.iter().position(|c| *c == '第') {
        let end = (p + 3).min(s.len());
        if s.get(p + 2) == Some(&'项') {
            s.drain(p..end);
        } else {
            break;
        }
    }
    s
}

fn is_row_label(s: &[char]) -> bool {
    (2..=20).contains(&s.len()) && s.iter().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
}

/// Section 2: each group to the row its label names.
pub fn read_s2(doc: &Doc, sink: &mut Sink, t: TemplateId, groups: &[Group]) {
    let specs = specs(t, 2);
    let Some(index) = row_index(t, 2) else {
        return;
    };
    let mut scorer = index.scorer();
    let words = s2_header_words();
    let mut taken = vec![false; specs.len()];
    let mut placed = Vec::new();
    let mut floating = Vec::new();
    for g in groups.iter().skip(MAX_GROUPS) {
        sink.unplaced(doc, g, "s2");
    }
    for g in groups.iter().take(MAX_GROUPS) {
        let best = scorer
            .score(&g.label)
            .into_iter()
            .enumerate()
            .map(|(i, s)| (s.0, i))
            .filter(|(sc, i)| *sc >= FUZZY && !taken[*i])
            .max_by_key(|(sc, i)| (*sc, std::cmp::Reverse(*i)));
        if let Some((_, i)) = best {
            taken[i] = true;
            placed.push(Placed { spec: i, group: g });
            if specs[i].row.key == "procurement"
                && !sink.units.contains_key("s2.procurement.amount")
            {
                if let Some(u) = g.unit {
                    sink.units.insert("s2.procurement.amount".into(), u.into());
                }
            }
            continue;
        }
        let rest = strip_words(&g.label, words);
        if is_row_label(&rest) {
            sink.extra("s2", rest.iter().collect(), g, 3);
        } else if g.fields.len() <= 4
            && g.fields
                .iter()
                .all(|f| CellValue::parse(f.text).is_number())
        {
            floating.extend((0..g.fields.len()).map(|k| (g, k)));
        } else {
            sink.unplaced(doc, g, "s2");
        }
    }
    let placed = fill_lost_cells(doc, sink, specs, placed, &mut floating);
    let mut left: Vec<&Group> = floating.iter().map(|(g, _)| *g).collect();
    left.dedup_by(|a, b| std::ptr::eq(*a, *b));
    for g in left {
        sink.unplaced(doc, g, "s2");
    }
    write(doc, sink, "s2", specs, &placed);
}

/// Conversions that lose a column's alignment leave rows one cell short (`| 规章 | 22 | 235 |`
/// under three headers) and the lost cells floating above the table, unlabelled, in row
/// order. Such a row takes the next floating value; the column it goes to is the one the
/// prose figures agree with, else the middle one — flagged I-02 either way.
fn fill_lost_cells<'g>(
    doc: &Doc,
    sink: &mut Sink,
    specs: &[RowSpec],
    mut placed: Vec<Placed<'g>>,
    floating: &mut Vec<(&'g Group, usize)>,
) -> Vec<Placed<'g>> {
    placed.sort_by_key(|p| p.spec);
    let mut keep = Vec::new();
    let mut chosen: Option<usize> = None;
    for p in placed {
        let s = &specs[p.spec];
        let n = s.table.columns.len();
        let fields = trimmed(&p.group.fields, n);
        let short = n >= 3
            && fields.len() == n - 1
            && fields
                .iter()
                .all(|f| !f.empty && CellValue::parse(f.text).is_number());
        if !short || floating.is_empty() {
            keep.push(p);
            continue;
        }
        let (lost, k) = floating.remove(0);
        let Some(lost_field) = lost.fields.get(k) else {
            keep.push(p);
            continue;
        };
        let with = |pos: usize| -> Vec<&Field> {
            let mut v: Vec<&Field> = fields.iter().collect();
            v.insert(pos.min(v.len()), lost_field);
            v
        };
        let agree = |pos: usize| -> usize {
            let v = with(pos);
            sink.split_opts
                .hints
                .iter()
                .filter(|h| h.row == s.row.key)
                .filter(|h| {
                    v.get(h.col).and_then(|f| CellValue::parse(f.text).as_f64()) == Some(h.value)
                })
                .count()
        };
        let best = (0..n).map(agree).max().unwrap_or(0);
        let pos = match chosen {
            Some(c) if agree(c) == best => c,
            _ if agree(n / 2) == best => n / 2,
            _ => (0..n).find(|&q| agree(q) == best).unwrap_or(n / 2),
        };
        chosen = Some(pos);
        let ids: Vec<usize> = s.cells().collect();
        for (&id, f) in ids.iter().zip(with(pos)) {
            sink.put(doc, id, f);
        }
        sink.see_row(s.first_cell());
        let mut alts: Vec<CellValue> = (0..n)
            .filter(|&q| q != pos)
            .filter_map(|q| with(q).get(pos).map(|f| CellValue::parse(f.text)))
            .collect();
        alts.dedup();
        let here = CellValue::parse(lost_field.text);
        alts.retain(|a| *a != here);
        if let Some(&id) = ids.get(pos) {
            sink.lost_cell(doc, id, lost_field, p.group, alts);
        }
    }
    keep
}
