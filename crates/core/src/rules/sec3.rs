//! T3-01…T3-09: the section-3 table (收到和处理政府信息公开申请情况).

use crate::finding::{Finding, Severity};
use crate::model::{CellValue, TemplateId};
use crate::text::normalize_label;

use super::view::{self, col_zh, S3Layout, View, S3_COLS, TOTAL, V};
use super::{not_evaluable, rule, sum_text, Context};

rule!(
    T3_01,
    "T3-01",
    Error,
    "新收加结转应等于办结加结转下年",
    "intake plus carry-over equals results plus carried forward",
    t3_01,
    "## 检查什么\n每一列：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理。\n\n\
## 为什么\n表头注明“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”。\n\n\
## 示例（不通过）\n自然人列：新收 10、上年结转 1，（七）总计 0、结转下年 0 —— 11 ≠ 0。"
);

rule!(
    T3_02,
    "T3-02",
    Error,
    "每行总计等于各类申请人之和",
    "each row's total equals the sum of applicant types",
    t3_02,
    "## 检查什么\n每一数据行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。\n\n\
## 为什么\n“总计”列就是该行各类申请人之和。\n\n\
## 示例（不通过）\n一、本年新收：自然人 8、商业企业 2、其余 0，总计填 9（应为 10）。"
);

rule!(
    T3_03,
    "T3-03",
    Error,
    "（七）总计等于各项办理结果之和",
    "（七）总计 equals the sum of all results",
    t3_03,
    "## 检查什么\n每一列：（七）总计 = 予以公开 + 部分公开 + 不予公开 1–8 + 无法提供 1–3 + 不予处理 1–5 + 其他处理（2019 模板一行，2021 模板 1–3）。\n\n\
## 为什么\n（七）总计是“三、本年度办理结果”各行之和；小计行不计入。\n\n\
## 示例（不通过）\n自然人列：1.本机关不掌握相关政府信息 3，其余为 0，（七）总计却填 0。"
);

rule!(
    T3_04,
    "T3-04",
    Error,
    "小计行等于其子项之和",
    "a subtotal row equals the sum of its sub-rows",
    t3_04,
    "## 检查什么\n报告若为（三）不予公开、（四）无法提供、（五）不予处理、（六）其他处理加了小计行（模板没有），每列小计应等于其各子项之和；小计行不计入（七）总计。\n\n\
## 为什么\n部分地区和工具会增加小计行；小计不符说明某格填错。\n\n\
## 示例（不通过）\n“（三）不予公开”小计行自然人列填 5，而 1–8 项之和为 4。"
);

rule!(
    T3_05,
    "T3-05",
    Error,
    "申请件数为非负整数",
    "application counts are non-negative integers",
    t3_05,
    "## 检查什么\n第三部分表格中填了数字的单元格必须是非负整数（空白和“/”等符号由 S-12 报告）。\n\n\
## 为什么\n件数不可能是负数或小数。\n\n\
## 示例（不通过）\n予以公开·自然人 填 -3 或 2.5。"
);

rule!(
    T3_06,
    "T3-06",
    Error,
    "结转下年度不超过新收加上年结转",
    "carried forward does not exceed intake plus carry-over",
    t3_06,
    "## 检查什么\n每一列：四、结转下年度继续办理 ≤ 一、本年新收 + 二、上年结转。\n\n\
## 为什么\n由 T3-01 和件数非负推出；单独报告，提示更清楚。\n\n\
## 示例（不通过）\n总计列：新收 3、上年结转 0，结转下年度却填 5。"
);

rule!(
    T3_07,
    "T3-07",
    Error,
    "没有申请却有办理结果",
    "results without any application",
    t3_07,
    "## 检查什么\n总计列：一、本年新收 + 二、上年结转 = 0，但某一办理结果行不为 0。\n\n\
## 为什么\n没有申请就不会有办理结果。\n\n\
## 示例（不通过）\n新收 0、上年结转 0，而 1.本机关不掌握相关政府信息 总计 5。"
);

rule!(
    T3_08,
    "T3-08",
    Warning,
    "有逾期未缴费的申请却未提信息处理费",
    "unpaid fee notices while section 6 mentions no fee",
    t3_08,
    "## 检查什么\n2021 模板：（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用 大于 0，但第六部分没有提到信息处理费，或说未收取。\n\n\
## 为什么\n发出收费通知说明适用了《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），第六部分应报告收费情况。\n\n\
## 示例（不通过）\n逾期未缴费 6 件，第六部分只写“无”。"
);

rule!(
    T3_09,
    "T3-09",
    Info,
    "科研机构或社会公益组织申请占比异常高",
    "unusually large share of research or non-profit applicants",
    t3_09,
    "## 检查什么\n一、本年新收（总计至少 20 件）中，科研机构或社会公益组织超过一半。\n\n\
## 为什么\n这两类申请人在实际中很少；占比很高时常是列错位。仅供参考。\n\n\
## 示例（提示）\n新收 40 件，其中社会公益组织 30 件。"
);

const COLS_EN: [&str; S3_COLS] = [
    "natural persons",
    "commercial",
    "research",
    "non-profit",
    "legal services",
    "other",
    "total",
];

fn col_en(c: usize) -> &'static str {
    COLS_EN.get(c).copied().unwrap_or("")
}

/// The layout when the template is known and table 3 holds at least one number; otherwise
/// one not-evaluable finding (only when the template is known but the table is empty).
fn table(cx: &Context, id: &str, out: &mut Vec<Finding>) -> Option<&'static S3Layout> {
    let v = cx.view();
    let l = v.layout()?;
    if v.s3_rows()
        .iter()
        .flatten()
        .any(|c| matches!(c, V::Int(_) | V::Frac(_)))
    {
        Some(l)
    } else {
        out.push(not_evaluable(id, "第三部分表格", "table 3", Vec::new()));
        None
    }
}

/// Values of cells (row, col), or the keys of those that are not numbers.
fn values(v: &View, l: &S3Layout, cells: &[(usize, usize)]) -> Result<Vec<i64>, Vec<String>> {
    let mut vals = Vec::with_capacity(cells.len());
    let mut bad = Vec::new();
    for &(r, c) in cells {
        match v.s3(r, c).int() {
            Some(x) => vals.push(x),
            None => bad.push(l.key(r, c).to_string()),
        }
    }
    if bad.is_empty() {
        Ok(vals)
    } else {
        Err(bad)
    }
}

/// [`values`] of a fixed number of cells, in an array (no allocation when all are numbers).
fn values_n<const N: usize>(
    v: &View,
    l: &S3Layout,
    cells: &[(usize, usize); N],
) -> Result<[i64; N], Vec<String>> {
    let mut vals = [0i64; N];
    for (slot, &(r, c)) in vals.iter_mut().zip(cells) {
        match v.s3(r, c).int() {
            Some(x) => *slot = x,
            // Some cell is no number: the keys as `values` lists them.
            None => return values(v, l, cells).map(|_| vals),
        }
    }
    Ok(vals)
}

fn keys(l: &S3Layout, cells: &[(usize, usize)]) -> Vec<String> {
    cells
        .iter()
        .map(|&(r, c)| l.key(r, c).to_string())
        .collect()
}

/// Adds the locator's verdict to an arithmetic finding of table 3.
fn located(cx: &Context, mut f: Finding) -> Finding {
    let s = cx.s3_suspects();
    let (zh, en) = view::describe(s);
    f.message.push_str(&zh);
    f.message_en.push_str(&en);
    view::suspects_first(&mut f.cells, s);
    f.suspects = s.to_vec();
    f
}

fn t3_01(cx: &Context, out: &mut Vec<Finding>) {
    let Some(l) = table(cx, "T3-01", out) else {
        return;
    };
    let v = cx.view();
    for c in 0..S3_COLS {
        let cells = [(l.r1, c), (l.r2, c), (l.r3_7, c), (l.r4, c)];
        match values_n(v, l, &cells) {
            Err(bad) => out.push(not_evaluable("T3-01", col_zh(c), col_en(c), bad)),
            Ok(x) => {
                let (a, b, t, f) = (x[0], x[1], x[2], x[3]);
                if a + b != t + f {
                    let msg = format!(
                        "{}：新收加上年结转为 {}（{a}+{b}），办理结果总计加结转下年度为 {}（{t}+{f}），两者应相等",
                        col_zh(c),
                        a + b,
                        t + f
                    );
                    let en = format!(
                        "{}: intake plus carry-over is {} ({a}+{b}) but total results plus carried forward is {} ({t}+{f})",
                        col_en(c),
                        a + b,
                        t + f
                    );
                    out.push(located(
                        cx,
                        Finding::new("T3-01", Severity::Error, msg, en)
                            .with_cells(keys(l, &cells))
                            .with_expected(CellValue::Int(a + b), CellValue::Int(t + f)),
                    ));
                }
            }
        }
    }
}

fn t3_02(cx: &Context, out: &mut Vec<Finding>) {
    let Some(l) = table(cx, "T3-02", out) else {
        return;
    };
    let v = cx.view();
    for (r, (row, vals)) in l.rows.iter().zip(v.s3_rows()).enumerate() {
        let mut x = [0i64; S3_COLS];
        let mut ok = true;
        for (slot, cell) in x.iter_mut().zip(vals) {
            match cell.int() {
                Some(n) => *slot = n,
                None => ok = false,
            }
        }
        if !ok {
            let bad = (0..S3_COLS)
                .filter(|&c| v.s3(r, c).int().is_none())
                .map(|c| l.key(r, c).to_string())
                .collect();
            out.push(not_evaluable("T3-02", &row_name(l, r), row.key, bad));
            continue;
        }
        let parts = &x[..TOTAL];
        let sum: i64 = parts.iter().sum();
        let total = x[TOTAL];
        if sum != total {
            let label = row_name(l, r);
            let msg = format!(
                "{label}：总计应为 {sum}（{}），报告填写 {total}",
                parts
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join("+")
            );
            let en = format!(
                "row {}: total should be {sum} (sum of applicant types), the report says {total}",
                row.key
            );
            let cells: Vec<(usize, usize)> = (0..S3_COLS).map(|c| (r, c)).collect();
            let mut ks = keys(l, &cells);
            ks.rotate_right(1);
            out.push(located(
                cx,
                Finding::new("T3-02", Severity::Error, msg, en)
                    .with_cells(ks)
                    .with_expected(CellValue::Int(sum), CellValue::Int(total)),
            ));
        }
    }
}

fn row_name(l: &S3Layout, r: usize) -> String {
    match l.rows.get(r) {
        Some(row) => match row.group {
            Some(g) => format!("{g} {}", row.label),
            None => row.label.to_string(),
        },
        None => String::new(),
    }
}

fn t3_03(cx: &Context, out: &mut Vec<Finding>) {
    let Some(l) = table(cx, "T3-03", out) else {
        return;
    };
    let v = cx.view();
    for c in 0..S3_COLS {
        // Most tables add up: check that without building anything.
        let sum = l
            .results
            .iter()
            .try_fold(0i64, |sum, &r| Some(sum + v.s3(r, c).int()?));
        if sum.is_some() && sum == v.s3(l.r3_7, c).int() {
            continue;
        }
        let mut cells = Vec::with_capacity(1 + l.results.len());
        cells.push((l.r3_7, c));
        cells.extend(l.results.iter().map(|&r| (r, c)));
        match values(v, l, &cells) {
            Err(bad) => out.push(not_evaluable("T3-03", col_zh(c), col_en(c), bad)),
            Ok(x) => {
                let total = x[0];
                let sum: i64 = x[1..].iter().sum();
                if sum != total {
                    let msg = format!(
                        "{}：（七）总计应为 {sum}（{}），报告填写 {total}",
                        col_zh(c),
                        sum_text(&x[1..])
                    );
                    let en = format!(
                        "{}: （七）总计 should be {sum} (sum of all results), the report says {total}",
                        col_en(c)
                    );
                    out.push(located(
                        cx,
                        Finding::new("T3-03", Severity::Error, msg, en)
                            .with_cells(keys(l, &cells))
                            .with_expected(CellValue::Int(sum), CellValue::Int(total)),
                    ));
                }
            }
        }
    }
}

/// The sub-rows of a group label such as `（三）不予公开` (normalised `三不予公开`).
fn group_rows(l: &S3Layout, label: &str) -> Option<(String, Vec<usize>)> {
    let norm = normalize_label(label)
        .replace("小计", "")
        .replace("合计", "");
    for g in [
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "（六）其他处理",
    ] {
        if normalize_label(g) == norm {
            let rows: Vec<usize> = l
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.group == Some(g))
                .map(|(i, _)| i)
                .collect();
            return Some((g.to_string(), rows));
        }
    }
    None
}

fn t3_04(cx: &Context, out: &mut Vec<Finding>) {
    let v = cx.view();
    let Some(l) = v.layout() else {
        return;
    };
    for extra in cx.report.extra_rows.iter().filter(|e| e.table == "s3") {
        let Some((group, rows)) = group_rows(l, &extra.label) else {
            continue;
        };
        // A group without sub-rows in this template (2019 （六）) or whose sub-rows are absent
        // is a template-version question (S-03), not a subtotal.
        if rows.is_empty() || rows.iter().all(|&r| v.s3(r, 0) == V::Absent) {
            continue;
        }
        for c in 0..S3_COLS {
            let cells: Vec<(usize, usize)> = rows.iter().map(|&r| (r, c)).collect();
            let sub = extra.values.get(c).map(|x| V::of(Some(x)).int());
            match (values(v, l, &cells), sub) {
                (Ok(x), Some(Some(s))) => {
                    let sum: i64 = x.iter().sum();
                    if sum != s {
                        out.push(
                            Finding::new(
                                "T3-04",
                                Severity::Error,
                                format!(
                                    "{group} 小计行·{}应为 {sum}（{}），报告填写 {s}",
                                    col_zh(c),
                                    sum_text(&x)
                                ),
                                format!(
                                    "subtotal row {group}, {}: should be {sum} (sum of its sub-rows), the report says {s}",
                                    col_en(c)
                                ),
                            )
                            .with_cells(keys(l, &cells))
                            .with_expected(CellValue::Int(sum), CellValue::Int(s)),
                        );
                    }
                }
                (Err(bad), _) => out.push(not_evaluable(
                    "T3-04",
                    &format!("{group} 小计行·{}", col_zh(c)),
                    col_en(c),
                    bad,
                )),
                _ => out.push(not_evaluable(
                    "T3-04",
                    &format!("{group} 小计行·{}", col_zh(c)),
                    col_en(c),
                    Vec::new(),
                )),
            }
        }
    }
}

fn t3_05(cx: &Context, out: &mut Vec<Finding>) {
    let v = cx.view();
    let Some(l) = v.layout() else {
        return;
    };
    for (r, row) in v.s3_rows().iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let shown = match *cell {
                V::Int(i) if i < 0 => i.to_string(),
                V::Frac(d) => crate::model::format_decimal(d),
                _ => continue,
            };
            let key = l.key(r, c);
            out.push(
                Finding::new(
                    "T3-05",
                    Severity::Error,
                    format!("{} 应为非负整数，报告填写 {shown}", view::name(key)),
                    format!("{key} must be a non-negative integer, the report says {shown}"),
                )
                .with_cells([key]),
            );
        }
    }
}

fn t3_06(cx: &Context, out: &mut Vec<Finding>) {
    let Some(l) = table(cx, "T3-06", out) else {
        return;
    };
    let v = cx.view();
    for c in 0..S3_COLS {
        let cells = [(l.r4, c), (l.r1, c), (l.r2, c)];
        match values_n(v, l, &cells) {
            Err(bad) => out.push(not_evaluable("T3-06", col_zh(c), col_en(c), bad)),
            Ok(x) => {
                let (f, a, b) = (x[0], x[1], x[2]);
                if f > a + b {
                    out.push(
                        Finding::new(
                            "T3-06",
                            Severity::Error,
                            format!(
                                "{}：结转下年度 {f} 件，超过新收加上年结转 {}（{a}+{b}）",
                                col_zh(c),
                                a + b
                            ),
                            format!(
                                "{}: carried forward {f} exceeds intake plus carry-over {} ({a}+{b})",
                                col_en(c),
                                a + b
                            ),
                        )
                        .with_cells(keys(l, &cells)),
                    );
                }
            }
        }
    }
}

fn t3_07(cx: &Context, out: &mut Vec<Finding>) {
    let Some(l) = table(cx, "T3-07", out) else {
        return;
    };
    let v = cx.view();
    let cells = [(l.r1, TOTAL), (l.r2, TOTAL)];
    let x = match values_n(v, l, &cells) {
        Err(bad) => {
            out.push(not_evaluable("T3-07", "总计列", "total column", bad));
            return;
        }
        Ok(x) => x,
    };
    if x.iter().sum::<i64>() != 0 {
        return;
    }
    let mut rows: Vec<usize> = l.results.clone();
    rows.push(l.r3_7);
    let nonzero: Vec<usize> = rows
        .into_iter()
        .filter(|&r| v.s3(r, TOTAL).int().is_some_and(|n| n != 0))
        .collect();
    if let Some(&first) = nonzero.first() {
        let mut ks = keys(l, &cells);
        ks.extend(nonzero.iter().map(|&r| l.key(r, TOTAL).to_string()));
        let n = v.s3(first, TOTAL).int().unwrap_or(0);
        out.push(
            Finding::new(
                "T3-07",
                Severity::Error,
                format!(
                    "本年新收与上年结转均为 0，但“{}”总计为 {n}",
                    row_name(l, first)
                ),
                format!(
                    "no application received or carried over, yet row {} has {n}",
                    l.rows.get(first).map(|r| r.key).unwrap_or("")
                ),
            )
            .with_cells(ks),
        );
    }
}

fn t3_08(cx: &Context, out: &mut Vec<Finding>) {
    let v = cx.view();
    let Some(l) = v.layout() else {
        return;
    };
    if v.template != Some(TemplateId::V2021) {
        return;
    }
    let Some(r) = l.row_of("r3_6_2") else {
        return;
    };
    let Some(n) = v.s3(r, TOTAL).int().filter(|n| *n > 0) else {
        return;
    };
    let s6 = cx.report.section(6);
    if s6.trim().is_empty() {
        return;
    }
    let mentions = s6.contains("处理费") || s6.contains("收费");
    let denies = ["未收取", "没有收取", "未产生", "不涉及"]
        .iter()
        .any(|k| s6.contains(k));
    if !mentions || denies {
        out.push(
            Finding::new(
                "T3-08",
                Severity::Warning,
                format!("有 {n} 件申请因逾期未缴纳信息处理费而不再处理，但第六部分未说明收取信息处理费的情况"),
                format!("{n} applications ended because fees went unpaid, but section 6 does not report the information processing fee"),
            )
            .with_cells([l.key(r, TOTAL)]),
        );
    }
}

fn t3_09(cx: &Context, out: &mut Vec<Finding>) {
    let v = cx.view();
    let Some(l) = v.layout() else {
        return;
    };
    let Some(total) = v.s3(l.r1, TOTAL).int().filter(|t| *t >= 20) else {
        return;
    };
    for c in [2usize, 3] {
        if let Some(n) = v.s3(l.r1, c).int() {
            if n * 2 > total {
                out.push(
                    Finding::new(
                        "T3-09",
                        Severity::Info,
                        format!(
                            "本年新收 {total} 件中{}占 {n} 件，超过一半，请核对是否列错位",
                            col_zh(c)
                        ),
                        format!(
                            "{n} of {total} new applications came from {}; check the columns",
                            col_en(c)
                        ),
                    )
                    .with_cells([l.key(l.r1, c), l.key(l.r1, TOTAL)]),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::model::{ExtraRow, TemplateId::V2021};

    #[test]
    fn values_n_is_values_in_an_array() {
        let mut r = balanced();
        set_value(&mut r, "s3.r2.natural", CellValue::Blank);
        set_value(&mut r, "s3.r4.total", CellValue::Text("x".into()));
        let v = View::new(&r);
        let Some(l) = v.layout() else {
            panic!("no layout")
        };
        for c in 0..S3_COLS {
            let cells = [(l.r1, c), (l.r2, c), (l.r3_7, c), (l.r4, c)];
            assert_eq!(
                values_n(&v, l, &cells).map(Vec::from),
                values(&v, l, &cells)
            );
        }
    }

    fn balanced() -> crate::model::Report {
        let mut r = zeros(V2021);
        s3_row(&mut r, "r1", [10, 1, 0, 0, 0, 0]);
        s3_row(&mut r, "r3_1", [9, 1, 0, 0, 0, 0]);
        s3_row(&mut r, "r3_7", [9, 1, 0, 0, 0, 0]);
        s3_row(&mut r, "r4", [1, 0, 0, 0, 0, 0]);
        r
    }

    #[test]
    fn balanced_table_passes_all() {
        let r = balanced();
        for rule in [
            &T3_01, &T3_02, &T3_03, &T3_04, &T3_05, &T3_06, &T3_07, &T3_09,
        ] {
            assert!(run(rule, &r).is_empty(), "{}", rule.id);
        }
    }

    #[test]
    fn t3_01_fails_and_locates() {
        let mut r = balanced();
        set(&mut r, "s3.r4.natural", 0);
        set(&mut r, "s3.r4.total", 0);
        let f = fired(&T3_01, &r);
        assert_eq!(f.len(), 2);
        // Either 结转下年度 lost 1, or 本年新收 is 1 too high: both two-cell fixes are named.
        assert_eq!(f[0].suspects.len(), 2);
        assert!(f[0].message.contains("无法确定"), "{}", f[0].message);
    }

    #[test]
    fn t3_02_fails_with_the_total_suspect() {
        let mut r = balanced();
        set(&mut r, "s3.r3_1.total", 0);
        let f = fired(&T3_02, &r);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("总计应为 10"), "{}", f[0].message);
        // Changing r3_1.total alone to 10 fixes the row but T3-03 total col still needs it: one cell.
        assert_eq!(
            f[0].suspects,
            vec![vec![crate::finding::Suspect {
                cell: "s3.r3_1.total".into(),
                should_be: CellValue::Int(10)
            }]]
        );
        assert_eq!(f[0].cells[0], "s3.r3_1.total");
    }

    #[test]
    fn t3_03_fails_on_a_stray_row() {
        let mut r = balanced();
        set(&mut r, "s3.r3_4_1.natural", 3);
        set(&mut r, "s3.r3_4_1.total", 3);
        assert_eq!(errors(&fired(&T3_03, &r)), 2);
    }

    #[test]
    fn t3_04_checks_subtotal_rows() {
        let mut r = balanced();
        set(&mut r, "s3.r3_3_1.natural", 2);
        let vals = |n: i64| ExtraRow {
            table: "s3".into(),
            label: "（三）不予公开小计".into(),
            values: (0..7)
                .map(|i| CellValue::Int(if i == 0 { n } else { 0 }))
                .collect(),
        };
        r.extra_rows.push(vals(2));
        assert!(fired(&T3_04, &r).is_empty());
        r.extra_rows[0] = vals(5);
        assert_eq!(fired(&T3_04, &r).len(), 1);
    }

    #[test]
    fn t3_05_negative_and_fraction() {
        let mut r = balanced();
        set(&mut r, "s3.r3_2.legal", -1);
        set_value(&mut r, "s3.r3_2.other", CellValue::Dec(0.5));
        assert_eq!(fired(&T3_05, &r).len(), 2);
    }

    #[test]
    fn t3_06_and_t3_07() {
        let mut r = zeros(V2021);
        set(&mut r, "s3.r4.total", 2);
        assert_eq!(fired(&T3_06, &r).len(), 1);
        let mut r = zeros(V2021);
        s3_row(&mut r, "r3_4_1", [3, 0, 0, 0, 0, 2]);
        let f = fired(&T3_07, &r);
        assert_eq!(f.len(), 1);
        assert!(f[0].cells.contains(&"s3.r3_4_1.total".to_string()));
    }

    #[test]
    fn t3_08_fee_notices() {
        let mut r = balanced();
        s3_row(&mut r, "r3_6_2", [1, 0, 0, 0, 0, 0]);
        r.sections.insert("6".into(), "无。".into());
        assert_eq!(fired(&T3_08, &r).len(), 1);
        r.sections
            .insert("6".into(), "全年收取信息处理费 300 元。".into());
        assert!(fired(&T3_08, &r).is_empty());
    }

    #[test]
    fn t3_09_share() {
        let mut r = zeros(V2021);
        s3_row(&mut r, "r1", [5, 0, 0, 30, 0, 0]);
        assert_eq!(fired(&T3_09, &r).len(), 1);
        assert!(fired(&T3_09, &balanced()).is_empty());
    }

    #[test]
    fn blanks_are_not_evaluable_not_zero() {
        let mut r = balanced();
        set_value(&mut r, "s3.r2.natural", CellValue::Blank);
        let f = run(&T3_01, &r);
        assert_eq!(f.len(), 1);
        assert!(f[0].is_not_evaluable());
        assert_eq!(f[0].severity, Severity::Info);
    }
}
