//! X-01…X-11: figures in the narrative text against the tables. All warnings: the text may
//! use another scope (SPEC.md §7.5). A warning quotes the sentence in `text`.

use crate::finding::{Finding, Severity};
use crate::model::TemplateId;

use super::scan::{self, kw, kws, Hit, Kw};
use super::view::{S3Layout, TOTAL};
use super::{not_evaluable, rule, sec4, Context};

rule!(
    X_01,
    "X-01",
    Warning,
    "正文所说收到申请数与表格一致",
    "applications received in the text match the table",
    x_01,
    "## 检查什么\n正文“（本年/全年）（共）收到/受理/新收……申请 N 件”与第三部分 一、本年新收 总计一致。正文常把新收和上年结转合在一起说，所以 N 等于新收或等于新收加上年结转都算一致。\n\n\
## 为什么\n正文与表格应是同一组数字。口径可能不同，故为提醒。\n\n\
## 示例（提醒）\n“区政府办代表区政府受理政府信息公开申请 17 件”，表格本年新收总计 95。"
);

rule!(
    X_02,
    "X-02",
    Warning,
    "正文所说上年结转数与表格一致",
    "carry-over in the text matches the table",
    x_02,
    "## 检查什么\n正文“上年（度）结转 N 件”与 二、上年结转 总计一致。\n\n\
## 为什么\n同上。\n\n\
## 示例（提醒）\n“含上年度结转 34 件”，表格上年结转总计 43。"
);

rule!(
    X_03,
    "X-03",
    Warning,
    "正文所说办结数与表格一致",
    "applications answered in the text match the table",
    x_03,
    "## 检查什么\n正文“办结/答复 N 件”与（七）总计的总计列一致。\n\n\
## 为什么\n同上。\n\n\
## 示例（提醒）\n“共办结 69 件”，表格（七）总计 70。"
);

rule!(
    X_04,
    "X-04",
    Warning,
    "正文所说结转下年度数与表格一致",
    "carried forward in the text matches the table",
    x_04,
    "## 检查什么\n正文“结转下年度/顺延到下年度 N 件”“N 件结转下年度继续办理”与 四、结转下年度继续办理 总计一致。\n\n\
## 为什么\n同上。\n\n\
## 示例（提醒）\n“结转至2026年6件”，表格结转下年度 0。"
);

rule!(
    X_05,
    "X-05",
    Warning,
    "正文所说各办理结果数与表格一致",
    "results named in the text match the table",
    x_05,
    "## 检查什么\n正文“予以公开 N 件”“部分公开 N 件”“不予公开 N 件”“无法提供 N 件”“不予处理 N 件”与对应行（或该组各行之和）的总计列一致。\n\n\
## 为什么\n同上。\n\n\
## 示例（提醒）\n“予以公开 1362 件”，表格予以公开总计 1326。"
);

rule!(
    X_06,
    "X-06",
    Warning,
    "正文所说行政复议数与表格一致",
    "administrative reviews in the text match the table",
    x_06,
    "## 检查什么\n正文“行政复议 N 件（其中结果维持 a 件、结果纠正 b 件、其他结果 c 件、尚未审结 d 件）”与第四部分行政复议各格一致。\n\n\
## 为什么\n同上；也有按“备案”等其他口径统计的情况。\n\n\
## 示例（提醒）\n“备案审查行政复议案件 134 件”，表格行政复议总计 170。"
);

rule!(
    X_07,
    "X-07",
    Warning,
    "正文所说行政诉讼数与表格一致",
    "lawsuits in the text match the table",
    x_07,
    "## 检查什么\n正文“行政诉讼 N 件（其中……）”与第四部分 未经复议直接起诉 + 复议后起诉 之和（T4-05）一致。\n\n\
## 为什么\n同上。\n\n\
## 示例（提醒）\n“行政诉讼 46 件”，表格直接起诉 26 件、复议后起诉 19 件。"
);

rule!(
    X_08,
    "X-08",
    Warning,
    "正文说“未收到/未发生”，表格却不为 0",
    "the text says none, the table has some",
    x_08,
    "## 检查什么\n正文“未收到（政府信息公开/依申请公开）申请”“未发生（因政府信息公开引起的）行政复议、行政诉讼”时，对应总计应为 0。\n\n\
## 为什么\n正文与表格矛盾。\n\n\
## 示例（提醒）\n“全年未收到依申请公开件”，表格本年新收总计 3。"
);

rule!(
    X_09,
    "X-09",
    Warning,
    "正文所说规范性文件数与表格一致",
    "normative documents in the text match the table",
    x_09,
    "## 检查什么\n第一、二部分“制发（行政）规范性文件 N 件，废止 M 件，现行有效 K 件”与第二十条第（一）项一致（2019 模板：制发对应本年新制作数量，现行有效对应对外公开总数量）。\n\n\
## 为什么\n同上。\n\n\
## 示例（提醒）\n“集中发布现行有效行政规范性文件393件”，表格现行有效件数 470。"
);

rule!(
    X_10,
    "X-10",
    Warning,
    "信息处理费的说法前后矛盾",
    "contradictory statements on the information processing fee",
    x_10,
    "## 检查什么\n第六部分“收取信息处理费 N 元”：同一部分既说未收取又给出大于 0 的金额时提醒（与 T3-08 一起看）。\n\n\
## 为什么\n信息处理费须如实报告（国办函〔2020〕109号）。\n\n\
## 示例（提醒）\n“本年度未收取信息处理费……全年收取信息处理费 300 元。”"
);

rule!(
    X_11,
    "X-11",
    Warning,
    "正文中的分项之和不等于总数",
    "listed parts do not add up to the stated total",
    x_11,
    "## 检查什么\n正文给出总数并列出分项，如“解读信息18条（其中：解读材料7条、解读产业5条、媒体评论文章5条）”，分项之和应等于总数。分项标有“含”“等”或明显重叠时不判断。\n\n\
## 为什么\n说明数字有误或漏列。\n\n\
## 示例（提醒）\n7 + 5 + 5 = 17 ≠ 18（威海市工业和信息化局 2020 年报第一部分）。"
);

const NOT_APPLICATIONS: [Kw; 8] =
    kws!["复议", "诉讼", "信访", "留言", "咨询", "建议", "提案", "来信"];

/// A sentence as quoted in a finding: wrapped lines joined, outer space trimmed.
fn quote(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\n' | '\r'))
        .collect::<String>()
        .trim()
        .to_string()
}

/// Hits of a pattern in every section.
fn hits<'a>(
    cx: &'a Context,
    keywords: &[Kw],
    exclude: &[Kw],
    window: usize,
    needs: &str,
) -> Vec<Hit<'a>> {
    // A number with 件 needs 件 in the sentence.
    let sents = cx.counting_sentences();
    let mut out = scan::numbers_after(sents, None, keywords, exclude, window, '件');
    // Keeps the first of equal hits and those with `needs`, in place.
    let mut kept = 0;
    for i in 0..out.len() {
        let Some(h) = out.get(i).cloned() else {
            break;
        };
        let dup = out
            .iter()
            .take(kept)
            .any(|o: &Hit| o.sentence == h.sentence && o.value == h.value);
        if (needs.is_empty() || h.sentence.contains(needs)) && !dup {
            out.swap(kept, i);
            kept += 1;
        }
    }
    out.truncate(kept);
    out
}

/// The 总计 column of a table-3 row group (rows whose key starts with `prefix`).
fn s3_total(cx: &Context, prefix: &str) -> Result<i64, Vec<String>> {
    let v = cx.view();
    let Some(l) = v.layout() else {
        return Err(Vec::new());
    };
    if !prefix.ends_with('_') {
        // One row (row keys are unique); none adds up to 0.
        return match l.row_of(prefix) {
            Some(r) => v
                .s3(r, TOTAL)
                .int()
                .ok_or_else(|| vec![l.key(r, TOTAL).to_string()]),
            None => Ok(0),
        };
    }
    let mut sum = 0;
    let mut bad = Vec::new();
    for (r, row) in l.rows.iter().enumerate() {
        if row.key == prefix || (prefix.ends_with('_') && row.key.starts_with(prefix)) {
            match v.s3(r, TOTAL).int() {
                Some(x) => sum += x,
                None => bad.push(l.key(r, TOTAL).to_string()),
            }
        }
    }
    if bad.is_empty() {
        Ok(sum)
    } else {
        Err(bad)
    }
}

/// The key of a table-3 row's 总计 cell ("" when unknown).
fn s3_key(cx: &Context, row: &str) -> &'static str {
    cx.view()
        .layout()
        .and_then(|l: &S3Layout| l.row_of(row).map(|r| l.key(r, TOTAL)))
        .unwrap_or_default()
}

/// Compares hits with a table figure (accepting any of `accepted`).
#[allow(clippy::too_many_arguments)]
fn compare(
    id: &str,
    hits: &[Hit],
    accepted: Result<Vec<i64>, Vec<String>>,
    what_zh: &str,
    what_en: &str,
    cells: &[&str],
    out: &mut Vec<Finding>,
) {
    if hits.is_empty() {
        return;
    }
    let accepted = match accepted {
        Ok(a) => a,
        Err(bad) => {
            out.push(not_evaluable(id, what_zh, what_en, bad));
            return;
        }
    };
    let Some(&table) = accepted.first() else {
        return;
    };
    for h in hits {
        if accepted.contains(&h.value) {
            continue;
        }
        out.push(
            Finding::new(
                id,
                Severity::Warning,
                format!("正文说{what_zh} {} 件，表格为 {table}", h.value),
                format!(
                    "the text says {} for {what_en}, the table says {table}",
                    h.value
                ),
            )
            .with_cells(cells.iter().copied())
            .with_text(quote(h.sentence)),
        );
    }
}

fn x_01(cx: &Context, out: &mut Vec<Finding>) {
    let hs = hits(
        cx,
        &kws!["收到", "受理", "新收"],
        &NOT_APPLICATIONS,
        25,
        "申请",
    );
    if hs.is_empty() {
        return;
    }
    let acc = match (s3_total(cx, "r1"), s3_total(cx, "r2")) {
        (Ok(a), Ok(b)) => Ok(vec![a, a + b]),
        (Ok(a), Err(_)) => Ok(vec![a]),
        (Err(e), _) => Err(e),
    };
    let cells = [s3_key(cx, "r1"), s3_key(cx, "r2")];
    compare(
        "X-01",
        &hs,
        acc,
        "收到申请",
        "applications received",
        &cells,
        out,
    );
}

fn x_02(cx: &Context, out: &mut Vec<Finding>) {
    let hs = hits(
        cx,
        &kws!["上年结转", "上年度结转", "上一年度结转", "上一年结转"],
        &kws!["复议", "诉讼"],
        12,
        "",
    );
    if hs.is_empty() {
        return;
    }
    compare(
        "X-02",
        &hs,
        s3_total(cx, "r2").map(|a| vec![a]),
        "上年结转",
        "carried over",
        &[s3_key(cx, "r2")],
        out,
    );
}

fn x_03(cx: &Context, out: &mut Vec<Finding>) {
    let hs = hits(
        cx,
        &kws!["办结", "答复", "办理完毕"],
        &NOT_APPLICATIONS,
        12,
        "",
    );
    let hs: Vec<Hit> = hs
        .into_iter()
        .filter(|h| h.sentence.contains("申请") || h.sentence.contains("依申请"))
        .collect();
    if hs.is_empty() {
        return;
    }
    compare(
        "X-03",
        &hs,
        s3_total(cx, "r3_7").map(|a| vec![a]),
        "办结",
        "answered",
        &[s3_key(cx, "r3_7")],
        out,
    );
}

fn x_04(cx: &Context, out: &mut Vec<Finding>) {
    let hs = hits(
        cx,
        &kws![
            "结转下年",
            "结转到下",
            "结转至下",
            "结转至",
            "结转到",
            "顺延到下",
            "顺延至下",
            "转入下年",
            "结转下一年",
        ],
        &kws!["复议", "诉讼"],
        15,
        "",
    );
    if hs.is_empty() {
        return;
    }
    compare(
        "X-04",
        &hs,
        s3_total(cx, "r4").map(|a| vec![a]),
        "结转下年度",
        "carried forward",
        &[s3_key(cx, "r4")],
        out,
    );
}

/// `予以公开及部分公开 42 件` counts both rows together.
const BOTH_DISCLOSED: [Kw; 4] = kws![
    "予以公开及部分公开",
    "予以公开和部分公开",
    "予以公开、部分公开",
    "予以公开与部分公开",
];

fn x_05(cx: &Context, out: &mut Vec<Finding>) {
    let hs = hits(cx, &BOTH_DISCLOSED, &kws!["复议", "诉讼"], 8, "");
    if hs.is_empty() {
        return x_05_rows(cx, out);
    }
    let both = match (s3_total(cx, "r3_1"), s3_total(cx, "r3_2")) {
        (Ok(a), Ok(b)) => Ok(vec![a + b]),
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    let cells = [s3_key(cx, "r3_1"), s3_key(cx, "r3_2")];
    compare(
        "X-05",
        &hs,
        both,
        "予以公开及部分公开",
        "disclosed in full or in part",
        &cells,
        out,
    );
    x_05_rows(cx, out);
}

fn x_05_rows(cx: &Context, out: &mut Vec<Finding>) {
    // 复议, 诉讼 and the four BOTH_DISCLOSED.
    const EXCLUDE_BOTH: [Kw; 6] = kws![
        "复议",
        "诉讼",
        "予以公开及部分公开",
        "予以公开和部分公开",
        "予以公开、部分公开",
        "予以公开与部分公开",
    ];
    for (kw, prefix, zh, en) in [
        (kw!("予以公开"), "r3_1", "予以公开", "disclosed"),
        (kw!("部分公开"), "r3_2", "部分公开", "partly disclosed"),
        (kw!("不予公开"), "r3_3_", "不予公开", "withheld"),
        (kw!("无法提供"), "r3_4_", "无法提供", "cannot provide"),
        (kw!("不予处理"), "r3_5_", "不予处理", "not processed"),
    ] {
        let hs = hits(cx, &[kw], &EXCLUDE_BOTH, 8, "");
        if hs.is_empty() {
            continue;
        }
        compare(
            "X-05",
            &hs,
            s3_total(cx, prefix).map(|a| vec![a]),
            zh,
            en,
            &[s3_key(cx, prefix.trim_end_matches('_'))],
            out,
        );
    }
}

fn s4_total(cx: &Context, g: usize) -> Result<Vec<i64>, Vec<String>> {
    cx.view()
        .s4(g, 4)
        .int()
        .map(|x| vec![x])
        .ok_or_else(|| vec![super::view::S4_KEYS[g][4].to_string()])
}

fn x_06(cx: &Context, out: &mut Vec<Finding>) {
    let hs = hits(
        cx,
        &kws!["行政复议"],
        &kws!["未发生", "没有发生", "未收到", "行政诉讼"],
        12,
        "",
    );
    if hs.is_empty() {
        return;
    }
    compare(
        "X-06",
        &hs,
        s4_total(cx, 0),
        "行政复议",
        "administrative reviews",
        &["s4.review.total"],
        out,
    );
}

fn x_07(cx: &Context, out: &mut Vec<Finding>) {
    let hs = hits(
        cx,
        &kws!["行政诉讼"],
        &kws!["未发生", "没有发生", "行政复议"],
        12,
        "",
    );
    if hs.is_empty() {
        return;
    }
    let acc = sec4::suits(cx).map(|s| vec![s[4]]).ok_or_else(|| {
        vec![
            "s4.suit_direct.total".to_string(),
            "s4.suit_after_review.total".to_string(),
        ]
    });
    compare(
        "X-07",
        &hs,
        acc,
        "行政诉讼",
        "lawsuits",
        &["s4.suit_direct.total", "s4.suit_after_review.total"],
        out,
    );
}

/// A clause about an outcome ("未发生…被纠错") says nothing about the number of cases.
const OUTCOMES: [&str; 7] = ["纠错", "纠正", "败诉", "撤销", "确认违法", "追责", "问责"];

/// What a zero statement names, the table figure (or the cells that are not numbers), cells.
type ZeroCheck<'a> = (&'a str, Result<i64, Vec<String>>, Vec<String>);

fn x_08(cx: &Context, out: &mut Vec<Finding>) {
    // A bare 无 is too common (无法提供, 无正当理由) to pick sentences by.
    let neg = kws![
        "未收到",
        "没有收到",
        "未发生",
        "没有发生",
        "未出现",
        "未被",
        "无行政",
        "无依申请",
        "无政府信息公开申请",
        "均无",
        "没有",
    ];
    // Each of `neg` holds 未, 没 or 无: a sentence with none of the three holds none of them
    // (three one-char bloom tests instead of eleven).
    let marks = kws!["未", "没", "无"];
    for sent in cx.sentences() {
        if !marks.iter().any(|m| sent.may_have(*m)) || !neg.iter().any(|n| sent.has(*n)) {
            continue;
        }
        let s = sent.text;
        {
            for clause in s.split(['，', ',']) {
                if !neg.iter().any(|n| clause.contains(n.text))
                    || clause.chars().any(|c| c.is_ascii_digit())
                    || OUTCOMES.iter().any(|o| clause.contains(o))
                {
                    continue;
                }
                let mut checks: Vec<ZeroCheck> = Vec::new();
                if clause.contains("申请")
                    && !clause.contains("复议")
                    && !clause.contains("诉讼")
                    && (clause.contains("未收到") || clause.contains("没有收到"))
                {
                    checks.push((
                        "收到申请",
                        s3_total(cx, "r1"),
                        vec![s3_key(cx, "r1").to_string()],
                    ));
                }
                if clause.contains("行政复议") && !clause.contains("收到") {
                    checks.push((
                        "行政复议",
                        s4_total(cx, 0).map(|v| v.first().copied().unwrap_or(0)),
                        vec!["s4.review.total".into()],
                    ));
                }
                if clause.contains("行政诉讼") {
                    checks.push((
                        "行政诉讼",
                        sec4::suits(cx).map(|s| s[4]).ok_or_else(Vec::new),
                        vec![
                            "s4.suit_direct.total".into(),
                            "s4.suit_after_review.total".into(),
                        ],
                    ));
                }
                for (what, val, cells) in checks {
                    match val {
                        Ok(0) => {}
                        Ok(n) => out.push(
                            Finding::new(
                                "X-08",
                                Severity::Warning,
                                format!("正文说没有{what}，表格却为 {n}"),
                                format!("the text says there were no {what}, the table says {n}"),
                            )
                            .with_cells(cells)
                            .with_text(quote(s)),
                        ),
                        Err(bad) => out.push(not_evaluable("X-08", what, what, bad)),
                    }
                }
            }
        }
    }
}

fn x_09(cx: &Context, out: &mut Vec<Finding>) {
    let Some(t) = cx.report.template else {
        return;
    };
    let pairs: &[(Kw, &str)] = match t {
        TemplateId::V2021 => &[
            (kw!("制发"), "issued"),
            (kw!("废止"), "repealed"),
            (kw!("现行有效"), "in_force"),
        ],
        TemplateId::V2019 => &[(kw!("制发"), "made"), (kw!("现行有效"), "total")],
    };
    for (kw, col) in pairs {
        for (row, needs, other) in [
            ("normative", "规范性文件", kw!("规章")),
            ("rules", "规章", kw!("规范性文件")),
        ] {
            let hs: Vec<Hit> = hits(cx, &[*kw], &[other], 15, needs);
            if hs.is_empty() {
                continue;
            }
            let key = format!("s2.{row}.{col}");
            let val = cx
                .report
                .cells
                .get(&key)
                .and_then(|v| super::view::V::of(Some(v)).int());
            compare(
                "X-09",
                &hs,
                val.map(|x| vec![x]).ok_or_else(|| vec![key.clone()]),
                &format!("{needs}{}", kw.text),
                &key,
                &[key.as_str()],
                out,
            );
        }
    }
}

fn x_10(cx: &Context, out: &mut Vec<Finding>) {
    let s6 = cx.report.section(6);
    if !s6.contains("处理费") {
        return;
    }
    let denies = ["未收取", "没有收取", "未产生"]
        .iter()
        .any(|k| s6.contains(k));
    let amounts = scan::numbers_after(cx.sentences(), Some("6"), &kws!["处理费"], &[], 12, '元');
    if let Some(h) = amounts.iter().find(|h| h.value > 0).filter(|_| denies) {
        out.push(
            Finding::new(
                "X-10",
                Severity::Warning,
                format!("第六部分既说未收取信息处理费，又写收取 {} 元", h.value),
                format!(
                    "section 6 says no fee was collected and also names {} yuan",
                    h.value
                ),
            )
            .with_text(quote(h.sentence)),
        );
    }
}

fn x_11(cx: &Context, out: &mut Vec<Finding>) {
    {
        for b in scan::breakdowns(cx.sentences()) {
            let sum: i64 = b.parts.iter().sum();
            if sum != b.total {
                let parts = b
                    .parts
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join("+");
                out.push(
                    Finding::new(
                        "X-11",
                        Severity::Warning,
                        format!("正文总数 {} 与所列分项之和 {sum}（{parts}）不符", b.total),
                        format!(
                            "stated total {} but the listed parts add up to {sum} ({parts})",
                            b.total
                        ),
                    )
                    .with_text(quote(b.sentence)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::model::TemplateId::V2021;

    fn report(text: &str) -> crate::model::Report {
        let mut r = zeros(V2021);
        s3_row(&mut r, "r1", [20, 5, 0, 0, 0, 0]);
        s3_row(&mut r, "r2", [2, 0, 0, 0, 0, 0]);
        s3_row(&mut r, "r3_1", [20, 5, 0, 0, 0, 0]);
        s3_row(&mut r, "r3_7", [20, 5, 0, 0, 0, 0]);
        s3_row(&mut r, "r4", [2, 0, 0, 0, 0, 0]);
        set(&mut r, "s4.review.upheld", 3);
        set(&mut r, "s4.review.total", 3);
        set(&mut r, "s2.normative.in_force", 470);
        r.sections.insert("1".into(), text.into());
        r
    }

    #[test]
    fn x_01_either_reading() {
        assert!(fired(&X_01, &report("本年度共收到政府信息公开申请25件。")).is_empty());
        assert!(fired(&X_01, &report("全年共受理政府信息公开申请二十七件。")).is_empty());
        let f = fired(&X_01, &report("受理政府信息公开申请 17 件。"));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].text.as_deref(), Some("受理政府信息公开申请 17 件"));
    }

    #[test]
    fn x_02_to_x_05() {
        let r = report(
            "共收到申请27件，办结25件（含上年结转2件），2件结转下年度继续办理，予以公开25件。",
        );
        for rule in [&X_02, &X_03, &X_04, &X_05] {
            assert!(fired(rule, &r).is_empty(), "{}", rule.id);
        }
        let r = report("依申请公开办结24件，上年结转3件，结转至2025年1件，予以公开20件。");
        for rule in [&X_02, &X_03, &X_04, &X_05] {
            assert_eq!(fired(rule, &r).len(), 1, "{}", rule.id);
        }
    }

    #[test]
    fn x_05_both_disclosed_rows() {
        let r = report("办结依申请公开25件，其中：予以公开及部分公开25件。");
        assert!(fired(&X_05, &r).is_empty());
        let r = report("办结依申请公开25件，其中：予以公开及部分公开20件。");
        assert_eq!(fired(&X_05, &r).len(), 1);
    }

    #[test]
    fn x_06_x_07() {
        assert!(fired(&X_06, &report("被申请行政复议3件。")).is_empty());
        assert_eq!(fired(&X_06, &report("被申请行政复议5件。")).len(), 1);
        assert!(fired(&X_07, &report("被提起行政诉讼0件。")).is_empty());
        assert_eq!(fired(&X_07, &report("被提起行政诉讼2件。")).len(), 1);
    }

    #[test]
    fn x_08_zero_statements() {
        assert_eq!(
            fired(
                &X_08,
                &report("全年未收到依申请公开件，未发生行政复议和行政诉讼案件。")
            )
            .len(),
            2
        );
        assert!(fired(
            &X_08,
            &report("全年未发生因依申请公开被行政复议纠错的情况。")
        )
        .is_empty());
        let mut r = zeros(V2021);
        r.sections.insert(
            "1".into(),
            "全年未收到依申请公开件，未发生行政复议和行政诉讼案件。".into(),
        );
        assert!(fired(&X_08, &r).is_empty());
    }

    #[test]
    fn x_09_normative() {
        assert_eq!(
            fired(&X_09, &report("集中发布现行有效行政规范性文件393件。")).len(),
            1
        );
        assert!(fired(&X_09, &report("现行有效行政规范性文件470件。")).is_empty());
    }

    #[test]
    fn x_10_fee() {
        let mut r = report("");
        r.sections
            .insert("6".into(), "本年度未收取信息处理费。".into());
        assert!(fired(&X_10, &r).is_empty());
        r.sections.insert(
            "6".into(),
            "未收取信息处理费。全年收取信息处理费300元。".into(),
        );
        assert_eq!(fired(&X_10, &r).len(), 1);
    }

    #[test]
    fn x_11_parts() {
        assert_eq!(
            fired(
                &X_11,
                &report("发布解读信息18条（其中：解读材料7条、解读产业5条、媒体评论文章5条）。")
            )
            .len(),
            1
        );
        assert!(fired(
            &X_11,
            &report("发布解读信息17条（其中：解读材料7条、解读产业5条、媒体评论文章5条）。")
        )
        .is_empty());
    }
}
