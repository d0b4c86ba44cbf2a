//! T2-01…T2-10: the section-2 tables (主动公开政府信息情况).

use crate::finding::{Finding, Severity};
use crate::model::{format_decimal, CellValue, Report, TemplateId};

use super::view::{name, V};
use super::{not_evaluable, rule, Context};

rule!(
    T2_01,
    "T2-01",
    Error,
    "主动公开件数为非负整数",
    "section-2 counts are non-negative integers",
    t2_01,
    "## 检查什么\n第二十条第（一）（五）（六）项中填了数字的件数单元格必须是非负整数（空白和“/”由 S-12 报告；2019 模板的项目数、增减由 T2-09 检查）。\n\n\
## 为什么\n件数不可能是负数或小数。\n\n\
## 示例（不通过）\n行政规范性文件·本年制发件数 填 2.5。"
);

rule!(
    T2_02,
    "T2-02",
    Error,
    "收费金额为非负数",
    "fee amount is a non-negative number",
    t2_02,
    "## 检查什么\n2021 模板：第二十条第（八）项 行政事业性收费·本年收费金额（单位：万元）是非负数（可有小数）。\n\n\
## 为什么\n金额不能为负。\n\n\
## 示例（不通过）\n本年收费金额 填 -12.5。"
);

rule!(
    T2_03,
    "T2-03",
    Warning,
    "收费金额疑似以元填入万元栏",
    "fee amount looks like 元 entered in a 万元 column",
    t2_03,
    "## 检查什么\n2021 模板：本年收费金额单位是万元；数值不小于 10,000,000（即一千亿元），或报告把单位改成了“元”。\n\n\
## 为什么\n常见错误是把以元计的金额直接填入万元栏，金额被放大一万倍。（启发式）\n\n\
## 示例（提醒）\n本年收费金额（单位：万元） 填 961716000。"
);

rule!(
    T2_04,
    "T2-04",
    Warning,
    "现行有效件数少于本年制发件数",
    "documents in force fewer than issued this year",
    t2_04,
    "## 检查什么\n2021 模板，规章和行政规范性文件每行：现行有效件数 ≥ 本年制发件数。\n\n\
## 为什么\n本年制发的文件通常仍然有效；反之多为填错列。\n\n\
## 示例（提醒）\n行政规范性文件：本年制发 8、本年废止 0、现行有效 3。"
);

rule!(
    T2_05,
    "T2-05",
    Warning,
    "本年废止件数超过可废止的数量",
    "more abolished than existed",
    t2_05,
    "## 检查什么\n2021 模板，需要上一年报告：本年废止件数 ≤ 上年现行有效件数 + 本年制发件数。\n\n\
## 为什么\n不能废止比现有更多的文件（上年数字本身也可能有误，故为提醒）。\n\n\
## 示例（提醒）\n上年现行有效 10，本年制发 2，本年废止 15。"
);

rule!(
    T2_06,
    "T2-06",
    Warning,
    "对外公开总数量少于本年新公开数量",
    "total published fewer than newly published",
    t2_06,
    "## 检查什么\n2019 模板，规章和规范性文件每行：对外公开总数量 ≥ 本年新公开数量。\n\n\
## 为什么\n总数包含本年新公开的文件。\n\n\
## 示例（提醒）\n规范性文件：本年新公开 4、对外公开总数量 2。"
);

rule!(
    T2_07,
    "T2-07",
    Info,
    "本年新公开数量多于新制作数量",
    "more newly published than newly made",
    t2_07,
    "## 检查什么\n2019 模板：本年新公开数量 > 本年新制作数量。\n\n\
## 为什么\n可能合理（往年文件今年公开），仅供核对。\n\n\
## 示例（信息）\n本年新制作 2、本年新公开 5。"
);

rule!(
    T2_08,
    "T2-08",
    Error,
    "上一年项目数量加增减为负",
    "previous count plus change is negative",
    t2_08,
    "## 检查什么\n2019 模板，第（五）（六）（八）项每行：上一年项目数量 + 本年增/减 ≥ 0。\n\n\
## 为什么\n项目数量不可能减到负数。\n\n\
## 示例（不通过）\n行政处罚：上一年项目数量 7，本年增/减 -9。"
);

rule!(
    T2_09,
    "T2-09",
    Error,
    "2019 模板项目数、增减、采购的数值类型",
    "types of the 2019 project, change and procurement cells",
    t2_09,
    "## 检查什么\n2019 模板：本年增/减 为整数（可带正负号）；上一年项目数量、处理决定数量、采购项目数量 为非负整数；采购总金额 为非负数。\n\n\
## 为什么\n这些单元格的含义决定了数值类型。\n\n\
## 示例（不通过）\n行政许可·上一年项目数量 填 -2；政府集中采购·采购项目数量 填 3.5。"
);

rule!(
    T2_10,
    "T2-10",
    Info,
    "无规章制定权的机关填报了规章",
    "規章 figures from a body that cannot make 规章",
    t2_10,
    "## 检查什么\n规章行不为 0，而报告机关不是可以制定规章的机关（国务院部门，省、自治区、直辖市和设区的市、自治州人民政府）。\n\n\
## 为什么\n只有上述机关有规章制定权；区县政府和市级部门的“规章”多为把规范性文件填错行。（启发式）\n\n\
## 示例（信息）\n“某县交通运输局”规章·现行有效件数 3。"
);

fn v(r: &Report, key: &str) -> V {
    V::of(r.cells.get(key))
}

/// A cell of the checked report (found by index, see [`super::view::View::get`]).
fn cell(cx: &Context, key: &str) -> V {
    cx.view().get(cx.report, key)
}

fn not_count(cx: &Context, key: &str, id: &str, out: &mut Vec<Finding>) {
    let shown = match cell(cx, key) {
        V::Int(i) if i < 0 => i.to_string(),
        V::Frac(d) => format_decimal(d),
        _ => return,
    };
    out.push(
        Finding::new(
            id,
            Severity::Error,
            format!("{} 应为非负整数，报告填写 {shown}", name(key)),
            format!("{key} must be a non-negative integer, the report says {shown}"),
        )
        .with_cells([key]),
    );
}

const V2021_COUNTS: [&str; 9] = [
    "s2.rules.issued",
    "s2.rules.repealed",
    "s2.rules.in_force",
    "s2.normative.issued",
    "s2.normative.repealed",
    "s2.normative.in_force",
    "s2.licensing.decisions",
    "s2.penalty.decisions",
    "s2.coercion.decisions",
];
const V2019_DOCS: [&str; 6] = [
    "s2.rules.made",
    "s2.rules.published",
    "s2.rules.total",
    "s2.normative.made",
    "s2.normative.published",
    "s2.normative.total",
];
const PROJECT_ROWS: [&str; 5] = ["licensing", "other_services", "penalty", "coercion", "fees"];

fn t2_01(cx: &Context, out: &mut Vec<Finding>) {
    let keys: &[&str] = match cx.report.template {
        Some(TemplateId::V2021) => &V2021_COUNTS,
        Some(TemplateId::V2019) => &V2019_DOCS,
        None => return,
    };
    for k in keys {
        not_count(cx, k, "T2-01", out);
    }
}

fn t2_02(cx: &Context, out: &mut Vec<Finding>) {
    if cx.report.template != Some(TemplateId::V2021) {
        return;
    }
    if let Some(d) = cx.report.num("s2.fees.amount").filter(|d| *d < 0.0) {
        out.push(
            Finding::new(
                "T2-02",
                Severity::Error,
                format!("本年收费金额应为非负数，报告填写 {}", format_decimal(d)),
                format!("the fee amount must be non-negative, the report says {d}"),
            )
            .with_cells(["s2.fees.amount"]),
        );
    }
}

fn t2_03(cx: &Context, out: &mut Vec<Finding>) {
    if cx.report.template != Some(TemplateId::V2021) {
        return;
    }
    let unit = cx.report.units.get("s2.fees.amount").map(String::as_str);
    let amount = cx.report.num("s2.fees.amount");
    let big = amount.is_some_and(|d| d >= 10_000_000.0);
    let yuan = unit.is_some_and(|u| u.trim() == "元");
    if big || yuan {
        let shown = amount.map(format_decimal).unwrap_or_default();
        out.push(
            Finding::new(
                "T2-03",
                Severity::Warning,
                format!("本年收费金额 {shown} 单位为万元，疑似按元填写"),
                format!(
                    "fee amount {shown} is in 万元 (10,000 yuan); it looks like yuan were entered"
                ),
            )
            .with_cells(["s2.fees.amount"]),
        );
    }
}

fn t2_04(cx: &Context, out: &mut Vec<Finding>) {
    if cx.report.template != Some(TemplateId::V2021) {
        return;
    }
    for (issued, in_force) in [
        ("s2.rules.issued", "s2.rules.in_force"),
        ("s2.normative.issued", "s2.normative.in_force"),
    ] {
        let (a, b) = (cell(cx, issued).int(), cell(cx, in_force).int());
        match (a, b) {
            (Some(i), Some(f)) if f < i => out.push(
                Finding::new(
                    "T2-04",
                    Severity::Warning,
                    format!("{}（{f}）少于本年制发件数（{i}）", name(in_force)),
                    format!("{in_force} ({f}) is less than {issued} ({i})"),
                )
                .with_cells([in_force, issued]),
            ),
            (Some(_), Some(_)) => {}
            _ => out.push(not_evaluable(
                "T2-04",
                &name(in_force),
                in_force,
                vec![issued.to_string(), in_force.to_string()],
            )),
        }
    }
}

fn t2_05(cx: &Context, out: &mut Vec<Finding>) {
    let Some(prev) = cx.previous else {
        return;
    };
    if cx.report.template != Some(TemplateId::V2021) || prev.template != Some(TemplateId::V2021) {
        return;
    }
    for row in ["rules", "normative"] {
        let k_rep = format!("s2.{row}.repealed");
        let k_iss = format!("s2.{row}.issued");
        let k_in = format!("s2.{row}.in_force");
        let rep = cell(cx, &k_rep).int();
        let iss = cell(cx, &k_iss).int();
        let p_in = v(prev, &k_in).int();
        match (rep, iss, p_in) {
            (Some(r), Some(i), Some(p)) if r > p + i => out.push(
                Finding::new(
                    "T2-05",
                    Severity::Warning,
                    format!(
                        "{} {r} 件，超过上年现行有效 {p} 件加本年制发 {i} 件",
                        name(&k_rep)
                    ),
                    format!("{k_rep} {r} exceeds last year's in force {p} plus issued {i}"),
                )
                .with_cells([k_rep, k_iss]),
            ),
            (Some(_), Some(_), Some(_)) => {}
            _ => out.push(not_evaluable(
                "T2-05",
                &name(&k_rep),
                &k_rep,
                vec![k_rep.clone(), k_iss],
            )),
        }
    }
}

fn t2_06(cx: &Context, out: &mut Vec<Finding>) {
    v2019_pair(cx, "T2-06", "total", "published", Severity::Warning, out);
}

fn t2_07(cx: &Context, out: &mut Vec<Finding>) {
    v2019_pair(cx, "T2-07", "made", "published", Severity::Info, out);
}

/// Flags rows where `small` < `big` (T2-06: total < published; T2-07: made < published).
fn v2019_pair(
    cx: &Context,
    id: &str,
    small: &str,
    big: &str,
    sev: Severity,
    out: &mut Vec<Finding>,
) {
    if cx.report.template != Some(TemplateId::V2019) {
        return;
    }
    for row in ["rules", "normative"] {
        let ks = format!("s2.{row}.{small}");
        let kb = format!("s2.{row}.{big}");
        match (cell(cx, &ks).int(), cell(cx, &kb).int()) {
            (Some(s), Some(b)) if s < b => out.push(
                Finding::new(
                    id,
                    sev,
                    format!("{}（{s}）少于{}（{b}）", name(&ks), name(&kb)),
                    format!("{ks} ({s}) is less than {kb} ({b})"),
                )
                .with_cells([ks, kb]),
            ),
            (Some(_), Some(_)) => {}
            _ => out.push(not_evaluable(id, &name(&ks), &ks, vec![ks.clone(), kb])),
        }
    }
}

fn t2_08(cx: &Context, out: &mut Vec<Finding>) {
    if cx.report.template != Some(TemplateId::V2019) {
        return;
    }
    for row in PROJECT_ROWS {
        let kp = format!("s2.{row}.prev");
        let kd = format!("s2.{row}.delta");
        match (cell(cx, &kp).int(), cell(cx, &kd).int()) {
            (Some(p), Some(d)) if p + d < 0 => out.push(
                Finding::new(
                    "T2-08",
                    Severity::Error,
                    format!(
                        "{} {p} 加本年增/减 {d} 为 {}，项目数量不能为负",
                        name(&kp),
                        p + d
                    ),
                    format!("{kp} {p} plus change {d} is {}, below zero", p + d),
                )
                .with_cells([kd, kp]),
            ),
            (Some(_), Some(_)) => {}
            _ => out.push(not_evaluable(
                "T2-08",
                &name(&kp),
                &kp,
                vec![kp.clone(), kd],
            )),
        }
    }
}

fn t2_09(cx: &Context, out: &mut Vec<Finding>) {
    if cx.report.template != Some(TemplateId::V2019) {
        return;
    }
    for row in PROJECT_ROWS {
        not_count(cx, &format!("s2.{row}.prev"), "T2-09", out);
        if row != "fees" {
            not_count(cx, &format!("s2.{row}.decisions"), "T2-09", out);
        }
        let kd = format!("s2.{row}.delta");
        if let V::Frac(d) = cell(cx, &kd) {
            out.push(
                Finding::new(
                    "T2-09",
                    Severity::Error,
                    format!("{} 应为整数，报告填写 {}", name(&kd), format_decimal(d)),
                    format!("{kd} must be an integer, the report says {d}"),
                )
                .with_cells([kd]),
            );
        }
    }
    not_count(cx, "s2.procurement.projects", "T2-09", out);
    if let Some(d) = cx.report.num("s2.procurement.amount").filter(|d| *d < 0.0) {
        out.push(
            Finding::new(
                "T2-09",
                Severity::Error,
                format!("采购总金额应为非负数，报告填写 {}", format_decimal(d)),
                format!("s2.procurement.amount must be non-negative, the report says {d}"),
            )
            .with_cells(["s2.procurement.amount"]),
        );
    }
}

/// Whether the agency can make 规章: 国务院部门, or a provincial / 设区的市 government.
pub(crate) fn can_make_rules(agency: &str) -> bool {
    let a = agency.trim();
    let local_level = ["县", "区人民政府", "镇", "乡", "街道", "旗"];
    if a.ends_with("人民政府") || a.ends_with("人民政府办公厅") || a.ends_with("人民政府办公室")
    {
        let body = a.trim_end_matches("办公厅").trim_end_matches("办公室");
        return !local_level.iter().any(|k| body.contains(k)) || body.ends_with("自治区人民政府");
    }
    // National ministries and commissions: no place name in front.
    let national = ["部", "委员会", "总局", "总署", "署", "局", "银行", "办公室"];
    let local = ["省", "市", "县", "区", "州", "镇", "乡", "盟", "旗"];
    national.iter().any(|k| a.ends_with(k)) && !local.iter().any(|k| a.contains(k))
}

fn t2_10(cx: &Context, out: &mut Vec<Finding>) {
    let Some(agency) = cx.report.agency.as_deref() else {
        return;
    };
    if can_make_rules(agency) {
        return;
    }
    // The keys that start with "s2.rules." are one run of the sorted map, from that prefix on.
    let nonzero: Vec<String> = cx
        .report
        .cells
        .range_from("s2.rules.")
        .take_while(|(k, _)| k.starts_with("s2.rules."))
        .filter(|(_, v)| matches!(v, CellValue::Int(n) if *n != 0))
        .map(|(k, _)| k.to_string())
        .collect();
    if !nonzero.is_empty() {
        out.push(
            Finding::new(
                "T2-10",
                Severity::Info,
                format!("{agency} 一般没有规章制定权，但规章行填有数字；请核对是否应填在（行政）规范性文件行"),
                format!("{agency} normally cannot make 规章, yet the 规章 row holds numbers"),
            )
            .with_cells(nonzero),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::model::TemplateId::{V2019, V2021};

    #[test]
    fn zeros_pass() {
        for t in [V2019, V2021] {
            let r = zeros(t);
            for rule in [
                &T2_01, &T2_02, &T2_03, &T2_04, &T2_05, &T2_06, &T2_07, &T2_08, &T2_09, &T2_10,
            ] {
                assert!(run_prev(rule, &r, Some(&r)).is_empty(), "{} {t}", rule.id);
            }
        }
    }

    #[test]
    fn t2_01_t2_02_types() {
        let mut r = zeros(V2021);
        set_value(&mut r, "s2.normative.issued", CellValue::Dec(2.5));
        set_value(&mut r, "s2.fees.amount", CellValue::Dec(-1.5));
        assert_eq!(fired(&T2_01, &r).len(), 1);
        assert_eq!(fired(&T2_02, &r).len(), 1);
    }

    #[test]
    fn t2_03_yuan_in_wanyuan() {
        let mut r = zeros(V2021);
        set_value(&mut r, "s2.fees.amount", CellValue::Int(961_716_000));
        assert_eq!(fired(&T2_03, &r).len(), 1);
        set_value(&mut r, "s2.fees.amount", CellValue::Dec(96171.6));
        assert!(fired(&T2_03, &r).is_empty());
    }

    #[test]
    fn t2_04_and_t2_05() {
        let mut r = zeros(V2021);
        set(&mut r, "s2.normative.issued", 8);
        set(&mut r, "s2.normative.in_force", 3);
        assert_eq!(fired(&T2_04, &r).len(), 1);
        let mut prev = zeros(V2021);
        set(&mut prev, "s2.normative.in_force", 10);
        set(&mut r, "s2.normative.repealed", 19);
        assert_eq!(run_prev(&T2_05, &r, Some(&prev)).len(), 1);
        set(&mut r, "s2.normative.repealed", 18);
        assert!(run_prev(&T2_05, &r, Some(&prev)).is_empty());
    }

    #[test]
    fn v2019_rules() {
        let mut r = zeros(V2019);
        set(&mut r, "s2.normative.published", 4);
        set(&mut r, "s2.normative.total", 2);
        assert_eq!(fired(&T2_06, &r).len(), 1);
        assert_eq!(fired(&T2_07, &r).len(), 1);
        set(&mut r, "s2.penalty.prev", 7);
        set(&mut r, "s2.penalty.delta", -9);
        assert_eq!(fired(&T2_08, &r).len(), 1);
        set(&mut r, "s2.penalty.delta", -7);
        assert!(fired(&T2_08, &r).is_empty());
        set(&mut r, "s2.licensing.prev", -2);
        set_value(&mut r, "s2.procurement.projects", CellValue::Dec(3.5));
        assert_eq!(fired(&T2_09, &r).len(), 2);
    }

    #[test]
    fn t2_10_rule_making_power() {
        assert!(can_make_rules("淮安市人民政府"));
        assert!(can_make_rules("海关总署"));
        assert!(!can_make_rules("淮安市洪泽区人民政府"));
        assert!(!can_make_rules("威海市工业和信息化局"));
        let mut r = zeros(V2021);
        r.agency = Some("某县交通运输局".into());
        set(&mut r, "s2.rules.in_force", 3);
        assert_eq!(run(&T2_10, &r).len(), 1);
        // The cells as a filter over every key finds them.
        for (k, n) in [
            ("s2.rules.issued", 1),
            ("s2.rules", 4),
            ("s2.rulesz", 5),
            ("s2.rules.zz", 2),
        ] {
            set(&mut r, k, n);
        }
        let plain: Vec<String> = r
            .cells
            .iter()
            .filter(|(k, v)| {
                k.starts_with("s2.rules.") && matches!(v, CellValue::Int(n) if *n != 0)
            })
            .map(|(k, _)| k.to_string())
            .collect();
        assert_eq!(run(&T2_10, &r)[0].cells, plain);
        assert_eq!(plain.len(), 3);
        r.agency = Some("淮安市人民政府".into());
        assert!(run(&T2_10, &r).is_empty());
    }
}
