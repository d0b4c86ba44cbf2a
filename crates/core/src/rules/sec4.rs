//! T4-01…T4-05: the section-4 table (行政复议、行政诉讼).

use crate::finding::{Finding, Severity};
use crate::model::CellValue;

use super::view::{self, S4_KEYS};
use super::{not_evaluable, rule, Context};

rule!(
    T4_01,
    "T4-01",
    Error,
    "行政复议总计等于各结果之和",
    "administrative review total equals the sum of outcomes",
    t4_01,
    "## 检查什么\n行政复议：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。\n\n\
## 为什么\n总计就是四种结果之和。\n\n\
## 示例（不通过）\n结果维持 10、结果纠正 1、其他结果 0、尚未审结 0，总计填 0：“行政复议总计应为 11（10+1+0+0），报告填写 0”。"
);

rule!(
    T4_02,
    "T4-02",
    Error,
    "未经复议直接起诉总计等于各结果之和",
    "direct lawsuits: total equals the sum of outcomes",
    t4_02,
    "## 检查什么\n行政诉讼·未经复议直接起诉：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。\n\n\
## 为什么\n总计就是四种结果之和。\n\n\
## 示例（不通过）\n4、1、0、0，总计填 4。"
);

rule!(
    T4_03,
    "T4-03",
    Error,
    "复议后起诉总计等于各结果之和",
    "lawsuits after review: total equals the sum of outcomes",
    t4_03,
    "## 检查什么\n行政诉讼·复议后起诉：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。\n\n\
## 为什么\n总计就是四种结果之和。\n\n\
## 示例（不通过）\n2、0、0、1，总计填 2。"
);

rule!(
    T4_04,
    "T4-04",
    Error,
    "复议诉讼件数为非负整数",
    "review and lawsuit counts are non-negative integers",
    t4_04,
    "## 检查什么\n第四部分 15 个单元格中填了数字的，必须是非负整数（空白和“/”等符号由 S-12 报告）。\n\n\
## 为什么\n案件数不可能是负数或小数。\n\n\
## 示例（不通过）\n行政复议·结果纠正 填 -1。"
);

rule!(
    T4_05,
    "T4-05",
    Info,
    "行政诉讼合计（供文字核对）",
    "lawsuits in all (derived, for the narrative checks)",
    t4_05,
    "## 检查什么\n推算行政诉讼合计 = 未经复议直接起诉总计 + 复议后起诉总计（各结果同理），供 X-07 与正文核对；有诉讼时给出一条信息。\n\n\
## 为什么\n正文常写“行政诉讼 46 件，其中结果维持 25 件……”，是两组之和（淮安 2024：26 + 20）。\n\n\
## 示例（信息）\n直接起诉 26 件、复议后起诉 20 件 → 行政诉讼合计 46 件。"
);

const GROUP_ZH: [&str; 3] = [
    "行政复议",
    "行政诉讼（未经复议直接起诉）",
    "行政诉讼（复议后起诉）",
];
const GROUP_EN: [&str; 3] = [
    "administrative review",
    "direct lawsuits",
    "lawsuits after review",
];

fn group_sum(cx: &Context, id: &str, g: usize, out: &mut Vec<Finding>) {
    let v = cx.view();
    let keys = S4_KEYS[g];
    let vals: [Option<i64>; 5] = std::array::from_fn(|c| v.s4(g, c).int());
    if vals.iter().any(Option::is_none) {
        let bad = keys
            .iter()
            .zip(&vals)
            .filter(|(_, x)| x.is_none())
            .map(|(k, _)| k.to_string())
            .collect();
        out.push(not_evaluable(id, GROUP_ZH[g], GROUP_EN[g], bad));
        return;
    }
    let x: [i64; 5] = vals.map(|x| x.unwrap_or_default());
    let sum: i64 = x[..4].iter().sum();
    let total = x[4];
    if sum == total {
        return;
    }
    let terms = x[..4]
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join("+");
    let s = cx.s4_suspects();
    let (zh, en) = view::describe(s);
    let mut cells: Vec<String> = [keys[4], keys[0], keys[1], keys[2], keys[3]]
        .iter()
        .map(|k| k.to_string())
        .collect();
    view::suspects_first(&mut cells, s);
    let mut f = Finding::new(
        id,
        Severity::Error,
        format!(
            "{}总计应为 {sum}（{terms}），报告填写 {total}{zh}",
            GROUP_ZH[g]
        ),
        format!(
            "{} total should be {sum} ({terms}), the report says {total}{en}",
            GROUP_EN[g]
        ),
    )
    .with_cells(cells)
    .with_expected(CellValue::Int(sum), CellValue::Int(total));
    f.suspects = s.to_vec();
    out.push(f);
}

fn t4_01(cx: &Context, out: &mut Vec<Finding>) {
    group_sum(cx, "T4-01", 0, out);
}

fn t4_02(cx: &Context, out: &mut Vec<Finding>) {
    group_sum(cx, "T4-02", 1, out);
}

fn t4_03(cx: &Context, out: &mut Vec<Finding>) {
    group_sum(cx, "T4-03", 2, out);
}

fn t4_04(cx: &Context, out: &mut Vec<Finding>) {
    let v = cx.view();
    for (g, keys) in S4_KEYS.iter().enumerate() {
        for (c, key) in keys.iter().enumerate() {
            let shown = match v.s4(g, c) {
                view::V::Int(i) if i < 0 => i.to_string(),
                view::V::Frac(d) => crate::model::format_decimal(d),
                _ => continue,
            };
            out.push(
                Finding::new(
                    "T4-04",
                    Severity::Error,
                    format!("{} 应为非负整数，报告填写 {shown}", view::name(key)),
                    format!("{key} must be a non-negative integer, the report says {shown}"),
                )
                .with_cells([*key]),
            );
        }
    }
}

/// 行政诉讼合计 per column (结果维持, 结果纠正, 其他结果, 尚未审结, 总计), if all are numbers.
pub(crate) fn suits(cx: &Context) -> Option<[i64; 5]> {
    let v = cx.view();
    let mut out = [0i64; 5];
    for (c, slot) in out.iter_mut().enumerate() {
        *slot = v.s4(1, c).int()? + v.s4(2, c).int()?;
    }
    Some(out)
}

fn t4_05(cx: &Context, out: &mut Vec<Finding>) {
    let Some(s) = suits(cx) else {
        return;
    };
    if s[4] == 0 {
        return;
    }
    // This finding comes with every report that has lawsuits: its messages are put together
    // piece by piece (`format!` costs several times more; see the test for the plain form).
    let [upheld, corrected, other, pending, total] = s;
    let zh = interleave(
        [
            "行政诉讼合计 ",
            " 件（结果维持 ",
            "、结果纠正 ",
            "、其他结果 ",
            "、尚未审结 ",
            "）",
        ],
        [total, upheld, corrected, other, pending],
    );
    let en = interleave(
        [
            "lawsuits in all: ",
            " (upheld ",
            ", corrected ",
            ", other ",
            ", pending ",
            ")",
        ],
        [total, upheld, corrected, other, pending],
    );
    out.push(
        Finding::new("T4-05", Severity::Info, zh, en)
            .with_cells(["s4.suit_direct.total", "s4.suit_after_review.total"]),
    );
}

/// `texts[0] n[0] texts[1] n[1] … texts[5]`, the numbers in decimal.
fn interleave(texts: [&str; 6], numbers: [i64; 5]) -> String {
    let mut out = String::with_capacity(96);
    for (text, n) in texts.iter().zip(numbers) {
        out.push_str(text);
        push_decimal(&mut out, n);
    }
    out.push_str(texts[5]);
    out
}

/// Appends `n` in decimal (as `n.to_string()`).
fn push_decimal(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        k -= 1;
        if let Some(d) = digits.get_mut(k) {
            *d = b'0' + (rest % 10) as u8;
        }
        rest /= 10;
        if rest == 0 || k == 0 {
            break;
        }
    }
    for &d in digits.get(k..).unwrap_or(&[]) {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::finding::Suspect;
    use crate::model::TemplateId::V2021;

    #[test]
    fn t4_05_messages_are_the_formatted_ones() {
        for s in [
            [25, 5, 9, 7, 46],
            [0, 0, 0, 0, 1],
            [-3, i64::MIN, i64::MAX, 10, 100],
        ] {
            let [a, b, c, d, t] = s;
            let texts = ["x ", " y ", "、", ", ", "（", "）"];
            assert_eq!(
                interleave(texts, [t, a, b, c, d]),
                format!("x {t} y {a}、{b}, {c}（{d}）")
            );
        }
        let mut r = zeros(V2021);
        set(&mut r, "s4.suit_direct.upheld", 25);
        set(&mut r, "s4.suit_direct.total", 25);
        set(&mut r, "s4.suit_after_review.pending", 7);
        set(&mut r, "s4.suit_after_review.total", 7);
        let f = run(&T4_05, &r);
        assert_eq!(
            f[0].message,
            "行政诉讼合计 32 件（结果维持 25、结果纠正 0、其他结果 0、尚未审结 7）"
        );
        assert_eq!(
            f[0].message_en,
            "lawsuits in all: 32 (upheld 25, corrected 0, other 0, pending 7)"
        );
    }

    #[test]
    fn t4_01_zero_total_is_located() {
        let mut r = zeros(V2021);
        set(&mut r, "s4.review.upheld", 10);
        set(&mut r, "s4.review.corrected", 1);
        let f = fired(&T4_01, &r);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message
                .starts_with("行政复议总计应为 11（10+1+0+0），报告填写 0"),
            "{}",
            f[0].message
        );
        assert!(
            f[0].message.contains("最可能有误：行政复议·总计 应为 11"),
            "{}",
            f[0].message
        );
        assert_eq!(
            f[0].suspects,
            vec![vec![Suspect {
                cell: "s4.review.total".into(),
                should_be: CellValue::Int(11)
            }]]
        );
        assert_eq!(f[0].cells[0], "s4.review.total");
        set(&mut r, "s4.review.total", 11);
        assert!(run(&T4_01, &r).is_empty());
    }

    #[test]
    fn t4_02_and_03() {
        let mut r = zeros(V2021);
        set(&mut r, "s4.suit_direct.total", 1);
        assert_eq!(fired(&T4_02, &r).len(), 1);
        assert!(fired(&T4_03, &r).is_empty());
        set(&mut r, "s4.suit_after_review.pending", 2);
        assert_eq!(fired(&T4_03, &r).len(), 1);
        let f = fired(&T4_03, &r);
        assert!(f[0].message.contains("无法确定"), "{}", f[0].message);
    }

    #[test]
    fn t4_04_negative() {
        let mut r = zeros(V2021);
        assert!(run(&T4_04, &r).is_empty());
        set(&mut r, "s4.review.other", -1);
        assert_eq!(fired(&T4_04, &r).len(), 1);
    }

    #[test]
    fn t4_05_derives_suits() {
        let mut r = zeros(V2021);
        assert!(run(&T4_05, &r).is_empty());
        set(&mut r, "s4.suit_direct.upheld", 26);
        set(&mut r, "s4.suit_direct.total", 26);
        set(&mut r, "s4.suit_after_review.upheld", 20);
        set(&mut r, "s4.suit_after_review.total", 20);
        let f = run(&T4_05, &r);
        assert!(f[0].message.contains("46"));
    }

    #[test]
    fn blank_is_not_evaluable() {
        let mut r = zeros(V2021);
        set_value(&mut r, "s4.review.total", CellValue::Blank);
        let f = run(&T4_01, &r);
        assert_eq!(f.len(), 1);
        assert!(f[0].is_not_evaluable());
    }
}
