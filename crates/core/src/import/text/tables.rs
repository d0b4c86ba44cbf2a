//! Reading the three table areas from value groups. Section 2: each group goes to the row its
//! label names (labels sit next to their values in every layout). Section 3: groups are aligned
//! to the template rows in order, anchored by the labels that can be read — PDF extraction
//! displaces or splits labels, but keeps the rows' order. Section 4: the 15 numbers by position.

use super::cells::{trim_fields, Sink};
use super::doc::{norm_chars, Doc, Norm};
use super::labels::{self, candidates, FRAGMENT, FUZZY, STRONG};
use super::tokens::{Field, Group};
use crate::import::split::{self, RawRow};
use crate::model::{CellValue, TemplateId};
use crate::template::{self, Kind, RowDef, TableDef};

/// One template row with what is needed to match and fill it.
struct RowSpec {
    prefix: &'static str,
    row: &'static RowDef,
    table: &'static TableDef,
    cands: Vec<Vec<char>>,
}

impl RowSpec {
    fn keys(&self) -> Vec<String> {
        self.table
            .columns
            .iter()
            .map(|c| format!("{}.{}.{}", self.prefix, self.row.key, c.key))
            .collect()
    }
    fn kinds(&self) -> Vec<Kind> {
        self.table.columns.iter().map(|c| c.kind).collect()
    }
}

fn specs(t: TemplateId, section: u8) -> Vec<RowSpec> {
    template::get(t)
        .section_tables(section)
        .flat_map(|table| {
            table.rows.iter().map(move |row| RowSpec {
                prefix: table.prefix,
                row,
                table,
                cands: candidates(row),
            })
        })
        .collect()
}

/// A row that got a group, to be written (directly or through the digit splitter).
struct Placed<'g> {
    spec: usize,
    group: &'g Group,
}

/// Writes placed rows: rows whose fields match the columns directly, the rest through the
/// splitter (all rows of the table together, so its identities can decide).
fn write(doc: &Doc, sink: &mut Sink, table: &str, specs: &[RowSpec], placed: &[Placed]) {
    let mut raws = Vec::new();
    let mut idx = Vec::new();
    for (k, p) in placed.iter().enumerate() {
        let s = &specs[p.spec];
        sink.seen_rows.insert(format!("{}.{}", s.prefix, s.row.key));
        let fields = trim_fields(&p.group.fields, s.table.columns.len());
        if fields.len() == s.table.columns.len() {
            for (key, f) in s.keys().into_iter().zip(&fields) {
                sink.put(doc, key, f);
            }
        } else if !splittable(p.group, s.table.columns.len()) {
            sink.unplaced(doc, p.group, table);
        } else {
            raws.push(RawRow {
                row: s.row.key,
                text: p.group.joined(),
                kinds: s.kinds(),
            });
            idx.push(k);
        }
    }
    if raws.is_empty() {
        return;
    }
    let readings = split::split_table_with(table, &raws, &sink.split_opts);
    for (k, reading) in idx.iter().zip(readings) {
        let p = &placed[*k];
        match reading {
            Some(r) if r.values.len() == specs[p.spec].table.columns.len() => {
                sink.put_reading(doc, &specs[p.spec].keys(), p.group, &r)
            }
            _ => sink.unplaced(doc, p.group, table),
        }
    }
}

/// Whether a run of digits could be the `n` cells of a row at all (a cell holds at most 15
/// digits): longer text goes straight to I-01 instead of the splitter.
fn splittable(g: &Group, n: usize) -> bool {
    g.fields.len() <= 4 * n && g.fields.iter().map(|f| f.text.len()).sum::<usize>() <= 17 * n
}

/// Header words of section 2 (captions, column labels), removed before judging an unknown label.
fn s2_header_words() -> Vec<Vec<char>> {
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
    let words = s2_header_words();
    let mut taken = vec![false; specs.len()];
    let mut placed = Vec::new();
    let mut floating = Vec::new();
    for g in groups.iter().skip(MAX_GROUPS) {
        sink.unplaced(doc, g, "s2");
    }
    for g in groups.iter().take(MAX_GROUPS) {
        let best = specs
            .iter()
            .enumerate()
            .map(|(i, s)| (labels::score(&g.label, &s.cands), i))
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
        let rest = strip_words(&g.label, &words);
        if is_row_label(&rest) {
            sink.extra("s2", rest.iter().collect(), g, 3);
        } else if g.fields.len() <= 4
            && g.fields
                .iter()
                .all(|f| CellValue::parse(&f.text).is_number())
        {
            floating.extend((0..g.fields.len()).map(|k| (g, k)));
        } else {
            sink.unplaced(doc, g, "s2");
        }
    }
    let placed = fill_lost_cells(doc, sink, &specs, placed, &mut floating);
    let mut left: Vec<&Group> = floating.iter().map(|(g, _)| *g).collect();
    left.dedup_by(|a, b| std::ptr::eq(*a, *b));
    for g in left {
        sink.unplaced(doc, g, "s2");
    }
    write(doc, sink, "s2", &specs, &placed);
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
        let fields = trim_fields(&p.group.fields, n);
        let short = n >= 3
            && fields.len() == n - 1
            && fields
                .iter()
                .all(|f| !f.empty && CellValue::parse(&f.text).is_number());
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
                    v.get(h.col)
                        .and_then(|f| CellValue::parse(&f.text).as_f64())
                        == Some(h.value)
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
        let keys = s.keys();
        for (key, f) in keys.iter().zip(with(pos)) {
            sink.put(doc, key.clone(), f);
        }
        sink.seen_rows.insert(format!("{}.{}", s.prefix, s.row.key));
        let mut alts: Vec<CellValue> = (0..n)
            .filter(|&q| q != pos)
            .filter_map(|q| with(q).get(pos).map(|f| CellValue::parse(&f.text)))
            .collect();
        alts.dedup();
        let here = CellValue::parse(&lost_field.text);
        alts.retain(|a| *a != here);
        if let Some(key) = keys.get(pos) {
            sink.lost_cell(doc, key, lost_field, p.group, alts);
        }
    }
    keep
}

/// The unit of 采购总金额 from its header (`采购总金额（万元）`).
pub fn procurement_unit(norm: &Norm) -> Option<&'static str> {
    let key = norm_chars("采购总金额");
    let p = norm.find(&key, 0)?;
    let after = norm.chars.get(p + key.len()..)?;
    if after.starts_with(&['万', '元']) {
        Some("万元")
    } else if after.starts_with(&['元']) {
        Some("元")
    } else {
        None
    }
}

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
        .find(|l| {
            let n = norm_chars(l);
            label.ends_with(&n)
        })
        .copied()
}

const S3_COLS: usize = 7;
/// Bound on the groups aligned (the alignment is groups × rows).
const MAX_GROUPS: usize = 400;

/// Section 3: groups aligned to the rows in order, anchored by their labels.
pub fn read_s3(doc: &Doc, sink: &mut Sink, t: TemplateId, groups: &[Group]) {
    let specs = specs(t, 3);
    // A group of 14, 21 … values with no blank is several rows on one line.
    let mut gs: Vec<Group> = Vec::new();
    for g in groups {
        let f = trim_fields(&g.fields, S3_COLS);
        if f.len() > S3_COLS && f.len().is_multiple_of(S3_COLS) && f.iter().all(|x| !x.empty) {
            for (k, chunk) in f.chunks(S3_COLS).enumerate() {
                gs.push(Group {
                    label: if k == 0 { g.label.clone() } else { Vec::new() },
                    line_label: if k == 0 {
                        g.line_label.clone()
                    } else {
                        Vec::new()
                    },
                    fields: chunk.to_vec(),
                    unit: None,
                });
            }
        } else {
            gs.push(g.clone());
        }
    }
    let overflow = gs.len().saturating_sub(MAX_GROUPS);
    for g in gs.iter().skip(MAX_GROUPS) {
        sink.unplaced(doc, g, "s3");
    }
    gs.truncate(gs.len() - overflow);
    let m = gs.len();
    let n = specs.len();
    let scored = |label: &[char]| -> Vec<i32> {
        let at: Vec<(i32, usize)> = specs
            .iter()
            .map(|s| labels::score_at(label, &s.cands))
            .collect();
        // A label that ends before another row's label is a leftover of an earlier row.
        let last = at
            .iter()
            .filter(|(v, _)| *v >= FUZZY)
            .map(|(_, e)| *e)
            .max()
            .unwrap_or(0);
        at.iter()
            .map(|&(v, e)| if v >= FUZZY && e < last { FRAGMENT } else { v })
            .collect()
    };
    // A group without a label on its own line may be labelled by the text after it (PDF
    // extraction puts a wrapped label around its numbers): the lines between it and the next
    // group, minus the next group's own line.
    let score: Vec<Vec<i32>> = (0..gs.len())
        .map(|i| {
            let mut sc = scored(&gs[i].label);
            if let (true, Some(next)) = (gs[i].line_label.is_empty(), gs.get(i + 1)) {
                let cut = next.label.len().saturating_sub(next.line_label.len());
                let after = scored(&next.label[..cut]);
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
        .map(|(g, sc)| s3_extra(&g.line_label, sc.iter().any(|v| *v >= FUZZY)))
        .collect();
    let assign = |i: usize, j: usize| -> i32 {
        let s = score[i][j];
        let best = score[i].iter().copied().max().unwrap_or(0);
        let pen = if best >= FUZZY && s < FUZZY {
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
    // dp[i][j]: best score with the first i groups and the first j rows. Back: 0 assign, 1 skip
    // row, 2 drop group.
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
    let mut placed = Vec::new();
    let mut filled = vec![false; n];
    for (k, g) in gs.iter().enumerate() {
        match (slots[k], extra[k]) {
            (Some(j), _) => {
                filled[j] = true;
                if let Some(span) = labels::typo_span(&g.label, &norm_chars(specs[j].row.label)) {
                    sink.label_typo(doc, g, &specs[j].keys(), &span, specs[j].row.label);
                }
                placed.push(Placed { spec: j, group: g });
            }
            (None, Some(label)) => sink.extra("s3", label.to_string(), g, S3_COLS),
            (None, None) => sink.unplaced(doc, g, "s3"),
        }
    }
    write(doc, sink, "s3", &specs, &placed);
}

/// Rows whose label is in the area but which got no value at all: their cells are blank.
pub fn blank_rows(sink: &mut Sink, t: TemplateId, section: u8, norm: &Norm) {
    for s in specs(t, section) {
        let keys = s.keys();
        if sink
            .seen_rows
            .contains(&format!("{}.{}", s.prefix, s.row.key))
            || keys.iter().any(|k| sink.cells.contains_key(k))
        {
            continue;
        }
        let found = s.cands.iter().any(|c| found_label(norm, c));
        if found {
            for k in keys {
                sink.cells.insert(k, crate::model::CellValue::Blank);
            }
        }
    }
}

/// `c` occurs in the area (`规范性文件` inside `行政规范性文件` does not count).
fn found_label(norm: &Norm, c: &[char]) -> bool {
    let mut from = 0;
    while let Some(p) = norm.find(c, from) {
        let inside = c.first() == Some(&'规')
            && p >= 2
            && norm.chars.get(p - 2..p) == Some(&['行', '政'][..]);
        if !inside {
            return true;
        }
        from = p + 1;
    }
    false
}

/// Section 4: the 15 numbers in order, whatever the header looks like.
pub fn read_s4(doc: &Doc, sink: &mut Sink, t: TemplateId, groups: &[Group]) {
    let specs = specs(t, 4);
    let mut fields: Vec<Field> = groups.iter().flat_map(|g| g.fields.clone()).collect();
    let total: usize = specs.iter().map(|s| s.table.columns.len()).sum();
    fields = trim_fields(&fields, total);
    let keys: Vec<String> = specs.iter().flat_map(RowSpec::keys).collect();
    if fields.len() == total {
        for (k, f) in keys.iter().zip(&fields) {
            sink.put(doc, k.clone(), f);
        }
        // Empty fields before the first value may be the header's merged cells rather than
        // blank cells: a whole group blank that way is flagged, with 0 as the other reading.
        let lead = fields.iter().take_while(|f| f.empty).count();
        if lead > 0 && lead < total {
            for k in keys.iter().take(lead) {
                sink.doubtful_blank(doc, k, fields[lead].start);
            }
        }
        return;
    }
    let Some(first) = groups.first() else {
        return;
    };
    if fields.len() > 4 * total || fields.iter().map(|f| f.text.len()).sum::<usize>() > 17 * total {
        for g in groups {
            sink.unplaced(doc, g, "s4");
        }
        return;
    }
    let merged = Group {
        label: first.label.clone(),
        line_label: Vec::new(),
        fields,
        unit: None,
    };
    let raw = RawRow {
        row: "s4",
        text: merged.joined(),
        kinds: specs.iter().flat_map(RowSpec::kinds).collect(),
    };
    match split::split_table_with("s4", &[raw], &sink.split_opts)
        .into_iter()
        .next()
        .flatten()
    {
        Some(r) if r.values.len() == total => sink.put_reading(doc, &keys, &merged, &r),
        _ => sink.unplaced(doc, &merged, "s4"),
    }
}

#[cfg(test)]
mod tests {
    use crate::import::text::import;
    use crate::model::{CellValue, TemplateId};

    fn cell(text: &str, key: &str) -> Option<CellValue> {
        import(text).report.cells.get(key).cloned()
    }

    const S3_2019_ROWS: [&str; 23] = [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（三）不予公开 1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "（四）无法提供 1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
        "（五）不予处理 1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "（六）其他处理",
        "（七）总计",
        "四、结转下年度继续办理",
    ];

    fn report(s3_lines: &str) -> String {
        format!(
            "一、总体情况\n正文。\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t1\t2\t3\n规范性文件\t4\t\t6\n三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n{s3_lines}四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n五、存在的主要问题及改进情况\n无\n六、其他需要报告的事项\n无\n"
        )
    }

    #[test]
    fn tab_rows_blanks_and_template() {
        let lines: String = S3_2019_ROWS
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{l}\t{i}\t0\t0\t0\t0\t0\t{i}\n"))
            .collect();
        let r = import(&report(&lines));
        assert_eq!(r.report.template, Some(TemplateId::V2019));
        assert_eq!(
            r.report.cells.get("s2.normative.published"),
            Some(&CellValue::Blank)
        );
        assert_eq!(
            r.report.cells.get("s3.r3_6.total"),
            Some(&CellValue::Int(20))
        );
        assert_eq!(
            r.report.cells.get("s4.review.total"),
            Some(&CellValue::Int(1))
        );
        assert!(!r.report.cells.contains_key("s2.licensing.prev"));
        assert!(r.findings.iter().any(|f| f.rule == "I-05"));
    }

    #[test]
    fn pdf_rows_with_displaced_labels_keep_their_order() {
        // Labels of rows 3 and 4 sit on the lines after their numbers.
        let mut lines = String::new();
        for (i, l) in S3_2019_ROWS.iter().enumerate() {
            if i == 2 || i == 3 {
                lines.push_str(&format!("{i} 0 0 0 0 0 {i}\n{l}\n"));
            } else {
                lines.push_str(&format!("{l} {i} 0 0 0 0 0 {i}\n"));
            }
        }
        let t = report(&lines);
        assert_eq!(cell(&t, "s3.r3_1.natural"), Some(CellValue::Int(2)));
        assert_eq!(cell(&t, "s3.r3_2.natural"), Some(CellValue::Int(3)));
        assert_eq!(cell(&t, "s3.r3_3_1.natural"), Some(CellValue::Int(4)));
        assert_eq!(cell(&t, "s3.r4.total"), Some(CellValue::Int(22)));
    }

    #[test]
    fn pipes_typos_and_unplaced_numbers() {
        let mut lines: String = S3_2019_ROWS
            .iter()
            .map(|l| {
                format!(
                    "| {} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
                    l.replace("国家", "国际")
                )
            })
            .collect();
        lines.push_str("| 备注 | 9 9 |\n");
        let r = import(&report(&lines));
        assert_eq!(
            r.report.cells.get("s3.r3_3_1.natural"),
            Some(&CellValue::Int(0))
        );
        assert!(r
            .findings
            .iter()
            .any(|f| f.rule == "I-01" && f.text.as_deref() == Some("9 9")));
    }

    #[test]
    fn lost_cells_floating_above_the_table() {
        let t = "二、主动公开政府信息情况\n第二十条第（一）项\n7\n9\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 1 | 30 |\n| 行政规范性文件 | 2 | 40 |\n三、收到和处理政府信息公开申请情况\n";
        let r = import(t);
        assert_eq!(
            r.report.cells.get("s2.rules.repealed"),
            Some(&CellValue::Int(7))
        );
        assert_eq!(
            r.report.cells.get("s2.normative.in_force"),
            Some(&CellValue::Int(40))
        );
        let flagged: Vec<_> = r.findings.iter().filter(|f| f.rule == "I-02").collect();
        assert_eq!(flagged.len(), 2);
    }

    #[test]
    fn trailing_remark_column_is_not_a_cell() {
        let t =
            report("| 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | 无备注 |\n");
        assert_eq!(cell(&t, "s3.r1.total"), Some(CellValue::Int(1)));
    }

    #[test]
    fn non_numbers_are_i03_and_marks_are_kept() {
        let t = report("一、本年新收政府信息公开申请数量\t/\tabc\t0\t0\t0\t0\t0\n");
        let r = import(&t);
        assert_eq!(
            r.report.cells.get("s3.r1.natural"),
            Some(&CellValue::Text("/".into()))
        );
        let i03: Vec<_> = r.findings.iter().filter(|f| f.rule == "I-03").collect();
        assert_eq!(i03.len(), 1);
        assert_eq!(i03[0].cells, vec!["s3.r1.commercial".to_string()]);
    }
}
