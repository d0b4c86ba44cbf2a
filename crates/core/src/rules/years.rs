//! Y-01…Y-06: across years, against the same agency's previous report.

use crate::finding::{Finding, Severity};
use crate::model::{Report, TemplateId};

use super::view::{col_zh, S3Layout, View, S3_COLS, V};
use super::{rule, Context};

rule!(
    Y_01,
    "Y-01",
    Warning,
    "上年结转下年度等于本年上年结转",
    "last year's carried forward equals this year's carry-over",
    y_01,
    "## 检查什么\n上一年报告的 四、结转下年度继续办理 等于本年报告的 二、上年结转政府信息公开申请数量（逐列，至少总计列）。跨 2019→2021 模板也适用。\n\n\
## 为什么\n去年结转到今年的申请就是今年的上年结转。\n\n\
## 示例（提醒）\n2023 年报结转下年度 34 件，2024 年报上年结转 30 件。"
);

rule!(
    Y_02,
    "Y-02",
    Warning,
    "现行有效件数的跨年衔接",
    "documents in force carry over from last year",
    y_02,
    "## 检查什么\n2021→2021 模板，规章、行政规范性文件每行：本年现行有效 = 上年现行有效 + 本年制发 − 本年废止。\n\n\
## 为什么\n文件数量逐年衔接；修改、自动失效、清理等口径会造成差异，故为提醒。\n\n\
## 示例（提醒）\n上年现行有效 60，本年制发 8、废止 2，本年现行有效 70（应为 66）。"
);

rule!(
    Y_03,
    "Y-03",
    Warning,
    "2019 模板项目数量的跨年衔接",
    "2019-template project counts carry over",
    y_03,
    "## 检查什么\n2019→2019 模板（2019→2020 年度），第（五）（六）（八）项每行：本年上一年项目数量 = 上年上一年项目数量 + 上年本年增/减。\n\n\
## 为什么\n项目数量逐年衔接。\n\n\
## 示例（提醒）\n2019 年报行政处罚 7 项、增 +2，2020 年报上一年项目数量 8。"
);

rule!(
    Y_04,
    "Y-04",
    Info,
    "2019 与 2021 模板的第二部分不可比",
    "section 2 is not comparable across the 2019→2021 switch",
    y_04,
    "## 检查什么\n上一年报告用 2019 模板、本年用 2021 模板时，对外公开总数量与现行有效件数口径不同，不作比较，只给一条信息。\n\n\
## 为什么\n两版模板统计的是不同的东西。\n\n\
## 示例（信息）\n2020 年报（2019 模板）与 2021 年报（2021 模板）。"
);

rule!(
    Y_05,
    "Y-05",
    Warning,
    "正文与上一年高度雷同",
    "narrative largely identical to last year's",
    y_05,
    "## 检查什么\n第一部分或第五部分与上一年报告同一部分的文字大部分相同（按两字片段计算重合度 ≥ 80%，且不少于 100 字）。\n\n\
## 为什么\n国办公开办函〔2021〕30号 把“内容雷同、敷衍塞责”列为追责情形。\n\n\
## 示例（提醒）\n2024 年报第五部分与 2023 年报逐字相同。"
);

rule!(
    Y_06,
    "Y-06",
    Warning,
    "表格数字与上一年完全相同",
    "tables identical to last year's",
    y_06,
    "## 检查什么\n第三、四部分表格的全部数字与上一年报告完全相同且不全为 0。\n\n\
## 为什么\n常见于直接套用上一年报告（东莞案例，见 ERRORS.md）。\n\n\
## 示例（提醒）\n两年的第三部分都是新收 12、予以公开 8……逐格相同。"
);

fn y_01(cx: &Context, out: &mut Vec<Finding>) {
    let Some(prev) = cx.previous else {
        return;
    };
    let (Some(t), Some(pt)) = (cx.report.template, prev.template) else {
        return;
    };
    let cur = cx.view();
    let Some(pv) = cx.prev_view() else {
        return;
    };
    let (l, pl) = (S3Layout::get(t), S3Layout::get(pt));
    for c in 0..S3_COLS {
        if let (Some(a), Some(b)) = (pv.s3(pl.r4, c).int(), cur.s3(l.r2, c).int()) {
            if a != b {
                out.push(
                    Finding::new(
                        "Y-01",
                        Severity::Warning,
                        format!("上年报告结转下年度 {a} 件，本年报告上年结转 {b} 件（{}）", col_zh(c)),
                        format!("last year's carried forward {a} differs from this year's carry-over {b} ({})", l.key(l.r2, c)),
                    )
                    .with_cells([l.key(l.r2, c)]),
                );
            }
        }
    }
}

fn int(r: &Report, key: &str) -> Option<i64> {
    V::of(r.cells.get(key)).int()
}

fn y_02(cx: &Context, out: &mut Vec<Finding>) {
    let Some(prev) = cx.previous else {
        return;
    };
    if cx.report.template != Some(TemplateId::V2021) || prev.template != Some(TemplateId::V2021) {
        return;
    }
    for row in ["rules", "normative"] {
        let k = |c: &str| format!("s2.{row}.{c}");
        let (Some(p), Some(i), Some(r), Some(now)) = (
            int(prev, &k("in_force")),
            int(cx.report, &k("issued")),
            int(cx.report, &k("repealed")),
            int(cx.report, &k("in_force")),
        ) else {
            continue;
        };
        if p + i - r != now {
            out.push(
                Finding::new(
                    "Y-02",
                    Severity::Warning,
                    format!("{}：上年现行有效 {p} + 本年制发 {i} − 本年废止 {r} = {}，报告填写 {now}", if row == "rules" { "规章" } else { "行政规范性文件" }, p + i - r),
                    format!("{row}: last year's {p} + issued {i} - repealed {r} = {}, the report says {now}", p + i - r),
                )
                .with_cells([k("in_force"), k("issued"), k("repealed")]),
            );
        }
    }
}

fn y_03(cx: &Context, out: &mut Vec<Finding>) {
    let Some(prev) = cx.previous else {
        return;
    };
    if cx.report.template != Some(TemplateId::V2019) || prev.template != Some(TemplateId::V2019) {
        return;
    }
    for row in ["licensing", "other_services", "penalty", "coercion", "fees"] {
        let kp = format!("s2.{row}.prev");
        let kd = format!("s2.{row}.delta");
        let (Some(pp), Some(pd), Some(now)) = (int(prev, &kp), int(prev, &kd), int(cx.report, &kp))
        else {
            continue;
        };
        if pp + pd != now {
            out.push(
                Finding::new(
                    "Y-03",
                    Severity::Warning,
                    format!(
                        "{}：上年报告 {pp}{pd:+} = {}，本年上一年项目数量为 {now}",
                        super::view::name(&kp),
                        pp + pd
                    ),
                    format!(
                        "{kp}: last year's {pp}{pd:+} = {}, this year says {now}",
                        pp + pd
                    ),
                )
                .with_cells([kp]),
            );
        }
    }
}

fn y_04(cx: &Context, out: &mut Vec<Finding>) {
    let Some(prev) = cx.previous else {
        return;
    };
    if prev.template == Some(TemplateId::V2019) && cx.report.template == Some(TemplateId::V2021) {
        out.push(Finding::new(
            "Y-04",
            Severity::Info,
            "上年报告用 2019 模板、本年用 2021 模板：第二部分（对外公开总数量与现行有效件数）口径不同，不作比较",
            "last year used the 2019 template, this year the 2021 one: section 2 is not compared",
        ));
    }
}

/// Share of this text's character bigrams that also occur in the other text.
fn overlap(a: &str, b: &str) -> f64 {
    let grams = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        let mut g: Vec<(char, char)> = c
            .windows(2)
            .filter_map(|w| Some((*w.first()?, *w.get(1)?)))
            .collect();
        g.sort_unstable();
        g.dedup();
        g
    };
    let (ga, gb) = (grams(a), grams(b));
    if ga.is_empty() {
        return 0.0;
    }
    let shared = ga.iter().filter(|g| gb.binary_search(g).is_ok()).count();
    shared as f64 / ga.len() as f64
}

fn y_05(cx: &Context, out: &mut Vec<Finding>) {
    let Some(prev) = cx.previous else {
        return;
    };
    for n in [1u8, 5] {
        let (a, b) = (cx.report.section(n), prev.section(n));
        if a.chars().count() < 100 || b.chars().count() < 100 {
            continue;
        }
        let o = overlap(a, b);
        if o >= 0.8 {
            out.push(Finding::new(
                "Y-05",
                Severity::Warning,
                format!(
                    "第{}部分与上一年报告的同一部分约 {:.0}% 相同",
                    ["", "一", "", "", "", "五"]
                        .get(usize::from(n))
                        .copied()
                        .unwrap_or(""),
                    o * 100.0
                ),
                format!(
                    "section {n} is about {:.0}% the same as last year's",
                    o * 100.0
                ),
            ));
        }
    }
}

fn y_06(cx: &Context, out: &mut Vec<Finding>) {
    let (Some(pv), cur) = (cx.prev_view(), cx.view()) else {
        return;
    };
    if cur.template.is_none() || cur.template != pv.template {
        return;
    }
    let numbers = |v: &View| -> Option<Vec<i64>> {
        v.s3_rows()
            .iter()
            .flatten()
            .chain(v.s4.iter().flatten())
            .map(|c| c.int())
            .collect()
    };
    let (Some(a), Some(b)) = (numbers(cur), numbers(pv)) else {
        return;
    };
    if a == b && a.iter().any(|x| *x != 0) {
        out.push(Finding::new(
            "Y-06",
            Severity::Warning,
            "第三、四部分表格的数字与上一年报告完全相同",
            "the section 3 and 4 tables are identical to last year's",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::model::TemplateId::{V2019, V2021};

    #[test]
    fn y_01_carry_over() {
        let mut prev = zeros(V2021);
        let mut cur = zeros(V2021);
        s3_row(&mut prev, "r4", [3, 0, 0, 0, 0, 0]);
        s3_row(&mut cur, "r2", [3, 0, 0, 0, 0, 0]);
        assert!(run_prev(&Y_01, &cur, Some(&prev)).is_empty());
        assert!(run(&Y_01, &cur).is_empty());
        s3_row(&mut cur, "r2", [2, 0, 0, 0, 0, 0]);
        assert_eq!(run_prev(&Y_01, &cur, Some(&prev)).len(), 2);
        // Across the template switch too.
        let mut p19 = zeros(V2019);
        s3_row(&mut p19, "r4", [3, 0, 0, 0, 0, 0]);
        assert_eq!(run_prev(&Y_01, &cur, Some(&p19)).len(), 2);
    }

    #[test]
    fn y_02_in_force() {
        let mut prev = zeros(V2021);
        let mut cur = zeros(V2021);
        set(&mut prev, "s2.normative.in_force", 60);
        set(&mut cur, "s2.normative.issued", 8);
        set(&mut cur, "s2.normative.repealed", 2);
        set(&mut cur, "s2.normative.in_force", 66);
        assert!(run_prev(&Y_02, &cur, Some(&prev)).is_empty());
        set(&mut cur, "s2.normative.in_force", 70);
        assert_eq!(run_prev(&Y_02, &cur, Some(&prev)).len(), 1);
    }

    #[test]
    fn y_03_projects() {
        let mut prev = zeros(V2019);
        let mut cur = zeros(V2019);
        set(&mut prev, "s2.penalty.prev", 7);
        set(&mut prev, "s2.penalty.delta", 2);
        set(&mut cur, "s2.penalty.prev", 9);
        assert!(run_prev(&Y_03, &cur, Some(&prev)).is_empty());
        set(&mut cur, "s2.penalty.prev", 8);
        assert_eq!(run_prev(&Y_03, &cur, Some(&prev)).len(), 1);
    }

    #[test]
    fn y_04_switch() {
        let (p, c) = (zeros(V2019), zeros(V2021));
        assert_eq!(run_prev(&Y_04, &c, Some(&p)).len(), 1);
        assert!(run_prev(&Y_04, &c, Some(&c)).is_empty());
    }

    #[test]
    fn y_05_same_text() {
        let text = "我们坚持以人民为中心，不断加强政府信息公开工作。".repeat(6);
        let mut p = zeros(V2021);
        let mut c = zeros(V2021);
        p.sections.insert("5".into(), text.clone());
        c.sections.insert("5".into(), text);
        assert_eq!(run_prev(&Y_05, &c, Some(&p)).len(), 1);
        c.sections.insert("5".into(), "本年度重点推进了数据开放平台建设，新增专题栏目四个，整合各类办事指南与政策解读材料，回应公众关切，并针对去年发现的栏目更新滞后问题建立了月度巡查机制和通报制度，同时开展业务培训三次。".repeat(2));
        assert!(run_prev(&Y_05, &c, Some(&p)).is_empty());
    }

    #[test]
    fn y_06_same_tables() {
        let mut p = zeros(V2021);
        s3_row(&mut p, "r1", [3, 0, 0, 0, 0, 0]);
        let c = p.clone();
        assert_eq!(run_prev(&Y_06, &c, Some(&p)).len(), 1);
        assert!(run_prev(&Y_06, &zeros(V2021), Some(&zeros(V2021))).is_empty());
    }
}
