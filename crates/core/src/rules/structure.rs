//! S-01…S-12: structure and template version.

use crate::finding::{Finding, Severity};
use crate::model::{CellValue, TemplateId};
use crate::template::{self, PerTemplate, SECTION_HEADINGS};
use crate::text::{normalize_label, parse_chinese_number};

use super::view::{is_template_key, V};
use super::{rule, scan, Context};

rule!(
    S_01,
    "S-01",
    Error,
    "六个部分齐全",
    "all six sections present",
    s_01,
    "## 检查什么\n报告包含全部六个部分：一、总体情况 … 六、其他需要报告的事项（按关键词和常见别名识别标题；导入时按顺序识别）。\n\n\
## 为什么\n《条例》第五十条和两版年报格式都规定了这六部分。\n\n\
## 示例（不通过）\n第四部分表格之后直接是“（一）2024 年工作中存在问题的改进情况”，缺少“五、存在的主要问题及改进情况”标题。\n\n\
## 无法判断\n报告文档不含任何正文（例如只有表格数据）时不判断。"
);

rule!(
    S_02,
    "S-02",
    Warning,
    "引言所述部分数与实际一致",
    "the intro's count of parts matches the sections",
    s_02,
    "## 检查什么\n引言“本报告由……组成”“共 N 部分”所说的部分数等于实际的部分数。\n\n\
## 为什么\n套用旧年报常留下错误的引言。\n\n\
## 示例（提醒）\n引言写“本报告共分五部分”，正文却有六部分。"
);

rule!(
    S_03,
    "S-03",
    Error,
    "模板版本与报告年度一致",
    "template version matches the report year",
    s_03,
    "## 检查什么\n2019、2020 年度用 2019 模板（国办公开办函〔2019〕60号），2021 年度起用 2021 模板（〔2021〕30号）；2021 模板的报告里不能出现 2019 模板的标志（只有一行的“（六）其他处理”、本年新制作数量、对外公开总数量、上一年项目数量、第二十条第（九）项），反之亦然。\n\n\
## 为什么\n格式由国务院办公厅统一规定，2021 年度起换用新格式。\n\n\
## 示例（不通过）\n2024 年度报告第三部分只有一行“（六）其他处理 0 0 0 0 0 0 0”，没有 1./2./3. 三个子项。"
);

rule!(
    S_04,
    "S-04",
    Error,
    "模板的表格、行、列齐全",
    "every template table, row and column present",
    s_04,
    "## 检查什么\n模板的每个表格、每一行和每一列都在报告中（单元格可以空白，但不能整行缺失）。\n\n\
## 为什么\n表格是统一格式，缺行缺列使勾稽关系无法核对。\n\n\
## 示例（不通过）\n2021 模板的（六）其他处理 1./2./3. 三行整行缺失。"
);

rule!(
    S_05,
    "S-05",
    Warning,
    "模板以外的行或列",
    "rows or columns not in the template",
    s_05,
    "## 检查什么\n报告含有模板没有的行或列，例如“其他主动公开文件”、法人或其他组织小计、小计行。\n\n\
## 为什么\n部分省份有地方变体，可以合理存在，但不属于统一格式。\n\n\
## 示例（提醒）\n第二十条第（一）项多出一行“其他主动公开文件 56 45”。"
);

rule!(
    S_06,
    "S-06",
    Warning,
    "第三部分表头勾稽说明",
    "section-3 header note",
    s_06,
    "## 检查什么\n第三部分表格左上角的说明“（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）”是否被改写。表格本身的缺失由导入时报告（I-05）。\n\n\
## 为什么\n这是模板原文，说明了表格的核心勾稽关系。\n\n\
## 示例（提醒）\n说明被改成“本列数据的勾稽关系为：第一项等于第三项”。"
);

rule!(
    S_07,
    "S-07",
    Warning,
    "行、列标签与模板文字不同",
    "row or column label differs from the template",
    s_07,
    "## 检查什么\n规范化（全半角、繁简、空格、标点）后，行或列标签仍与模板文字不同，例如错别字。导入时逐个标签比较；这里检查被放入“额外行”而其实与模板行只差一两个字的行。\n\n\
## 为什么\n错别字说明表格是手工改过的，也可能是行放错了位置。\n\n\
## 示例（提醒）\n“1. 属于国际秘密”（模板：1.属于国家秘密）。"
);

rule!(
    S_08,
    "S-08",
    Warning,
    "第五、六部分有实际内容",
    "sections 5 and 6 have content",
    s_08,
    "## 检查什么\n第五部分“存在的主要问题及改进情况”和第六部分“其他需要报告的事项”不为空，第五部分不只是一个“无”。\n\n\
## 为什么\n2021 格式要求说明问题和改进情况；第六部分须报告信息处理费。\n\n\
## 示例（提醒）\n“五、存在的主要问题及改进情况　无。”"
);

rule!(
    S_09,
    "S-09",
    Warning,
    "第六部分说明信息处理费",
    "section 6 states the information processing fee",
    s_09,
    "## 检查什么\n2021 模板：第六部分说明收取信息处理费的情况（金额，或未收取）。\n\n\
## 为什么\n模板注明“收取信息处理费情况在此处报告”（国办函〔2020〕109号）。\n\n\
## 示例（提醒）\n“六、其他需要报告的事项　无。”"
);

rule!(
    S_10,
    "S-10",
    Warning,
    "统计期限为报告年度 1 月 1 日至 12 月 31 日",
    "statistics period is 1 January to 31 December of the report year",
    s_10,
    "## 检查什么\n正文写明的统计期限是报告年度的 1月1日至12月31日。\n\n\
## 为什么\n年报按自然年度统计。\n\n\
## 示例（提醒）\n2024 年度报告写“统计期限自2023年1月1日起至2023年12月31日止”。"
);

rule!(
    S_11,
    "S-11",
    Warning,
    "标题年度与报告年度一致",
    "the title's year matches the report year",
    s_11,
    "## 检查什么\n标题中的年度等于报告年度（以及统计期限年度，见 S-10）。\n\n\
## 为什么\n套用上一年的文稿时常忘记改年份。\n\n\
## 示例（提醒）\n标题“2023年政府信息公开工作年度报告”，统计期限却是 2024 年。"
);

rule!(
    S_12,
    "S-12",
    Warning,
    "单元格空白或填写符号",
    "blank cells or marks instead of numbers",
    s_12,
    "## 检查什么\n模板单元格空白，或填了“/”“-”“—”“无”等符号而不是数字；每个表格一条，列出这些单元格。需要这些单元格的规则无法判断。\n\n\
## 为什么\n模板没有留空的约定；空白不等于 0。\n\n\
## 示例（提醒）\n第二十条第（一）项 规章·现行有效件数 空白。"
);

fn needs_text(cx: &Context) -> bool {
    cx.report.sections.values().any(|s| !s.trim().is_empty())
}

fn s_01(cx: &Context, out: &mut Vec<Finding>) {
    if !needs_text(cx) {
        out.push(
            Finding::new(
                "S-01",
                Severity::Info,
                "报告文档不含正文，无法判断六个部分是否齐全",
                "the document holds no narrative text; sections not evaluable",
            )
            .not_evaluable(),
        );
        return;
    }
    // The keys of sections 1–6, without formatting them on every check.
    const KEYS: [&str; 6] = ["1", "2", "3", "4", "5", "6"];
    let missing: Vec<&str> = KEYS
        .iter()
        .zip(SECTION_HEADINGS)
        .filter(|(k, _)| !cx.report.sections.contains_key(**k))
        .map(|(_, h)| h)
        .collect();
    if !missing.is_empty() {
        out.push(Finding::new(
            "S-01",
            Severity::Error,
            format!("缺少部分：{}", missing.join("、")),
            format!("missing sections: {}", missing.join(", ")),
        ));
    }
}

/// "共N部分" / "分为N个部分" / "由…N个部分组成" in the text.
fn stated_parts<'a>(sents: &[&scan::Sentence<'a>]) -> Option<(i64, &'a str)> {
    for sent in sents.iter().filter(|s| s.has(scan::kw!("部分"))) {
        let (s, chars) = (sent.text, sent.chars());
        for at in scan::find_all(chars, "部分") {
            // Number right before 部分 (optionally with 个).
            let mut end = at;
            if end > 0 && chars.get(end - 1) == Some(&'个') {
                end -= 1;
            }
            let mut start = end;
            while start > 0
                && chars
                    .get(start - 1)
                    .is_some_and(|c| "一二三四五六七八九十".contains(*c) || c.is_ascii_digit())
            {
                start -= 1;
            }
            if start == end || start == 0 {
                continue;
            }
            let before = chars.get(start - 1).copied().unwrap_or(' ');
            if !matches!(before, '共' | '为' | '括' | '由' | '含' | '分' | '等') {
                continue;
            }
            let num: String = chars.get(start..end).unwrap_or(&[]).iter().collect();
            if let Some(n) = parse_chinese_number(&num) {
                return Some((n, s));
            }
        }
    }
    None
}

fn s_02(cx: &Context, out: &mut Vec<Finding>) {
    if !needs_text(cx) {
        return;
    }
    let present = cx
        .report
        .sections
        .keys()
        .filter(|k| matches!(k.as_str(), "1" | "2" | "3" | "4" | "5" | "6"))
        .count() as i64;
    let mut sents: Vec<&scan::Sentence> = cx.section_sentences("1").collect();
    if sents.is_empty() {
        sents = cx.section_sentences("0").collect();
    }
    if let Some((n, s)) = stated_parts(&sents) {
        if n != present {
            out.push(
                Finding::new(
                    "S-02",
                    Severity::Warning,
                    format!("引言说报告共 {n} 部分，实际有 {present} 部分"),
                    format!("the introduction announces {n} parts, the report has {present}"),
                )
                .with_text(s),
            );
        }
    }
}

const V2019_ONLY: [&str; 4] = [
    "s2.rules.made",
    "s2.normative.made",
    "s2.licensing.prev",
    "s2.procurement.projects",
];
const V2021_ONLY: [&str; 4] = [
    "s2.rules.issued",
    "s2.normative.issued",
    "s2.fees.amount",
    "s3.r3_6_1.total",
];

fn s_03(cx: &Context, out: &mut Vec<Finding>) {
    let r = cx.report;
    let Some(t) = r.template else {
        out.push(template_unknown("S-03"));
        return;
    };
    if let Some(y) = r.year {
        let want = TemplateId::for_year(y);
        if want != t {
            let cells: Vec<String> = template::get(t)
                .cells()
                .iter()
                .filter(|c| c.key.starts_with("s2.") && r.cells.contains_key(&c.key))
                .map(|c| c.key.clone())
                .collect();
            out.push(
                Finding::new(
                    "S-03",
                    Severity::Error,
                    format!("{y} 年度报告应使用 {want} 模板，实际为 {t} 模板"),
                    format!("a {y} report must use the {want} template, this one uses {t}"),
                )
                .with_cells(cells),
            );
        }
    }
    // Markers of the other template.
    let other_keys: &[&str] = match t {
        TemplateId::V2021 => &V2019_ONLY,
        TemplateId::V2019 => &V2021_ONLY,
    };
    let stray: Vec<String> = other_keys
        .iter()
        .filter(|k| cx.view().has(r, k))
        .map(|k| k.to_string())
        .collect();
    if !stray.is_empty() {
        out.push(
            Finding::new(
                "S-03",
                Severity::Error,
                format!("{t} 模板的报告含有另一版模板的单元格"),
                format!("a {t} report holds cells of the other template"),
            )
            .with_cells(stray),
        );
    }
    for e in r.extra_rows.iter().filter(|e| e.table == "s3") {
        if t == TemplateId::V2021
            && normalize_label(&e.label) == normalize_label("（六）其他处理")
            && !r.cells.contains_key("s3.r3_6_1.total")
        {
            let cells: Vec<String> = template::get(t)
                .cells()
                .iter()
                .filter(|c| c.key.starts_with("s3.r3_6_"))
                .map(|c| c.key.clone())
                .collect();
            out.push(
                Finding::new(
                    "S-03",
                    Severity::Error,
                    "2021 模板的报告使用了 2019 模板的单行“（六）其他处理”，缺少 1./2./3. 子项",
                    "a 2021-template report uses the 2019 single row （六）其他处理 instead of its three sub-rows",
                )
                .with_cells(cells),
            );
        }
    }
}

/// The note of a structure rule that needs the template when it is unknown.
fn template_unknown(id: &str) -> Finding {
    Finding::new(
        id,
        Severity::Info,
        "模板未知，无法判断",
        "template unknown; not evaluable",
    )
    .not_evaluable()
}

fn s_04(cx: &Context, out: &mut Vec<Finding>) {
    let v = cx.view();
    let Some(t) = v.template else {
        out.push(template_unknown("S-04"));
        return;
    };
    let tpl = template::get(t);
    if !v.slots.contains(&V::Absent) {
        return;
    }
    for table in tpl.tables {
        let missing: Vec<String> = tpl
            .cells()
            .iter()
            .zip(&v.slots)
            .filter(|(c, s)| **s == V::Absent && std::ptr::eq(c.table, table))
            .map(|(c, _)| c.key.clone())
            .collect();
        if missing.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                "S-04",
                Severity::Error,
                format!(
                    "{}（{}）缺少 {} 个单元格",
                    table.caption,
                    table.id,
                    missing.len()
                ),
                format!("table {} lacks {} cells", table.id, missing.len()),
            )
            .with_cells(missing),
        );
    }
}

/// Every row label of a template, normalised and as chars, with the label itself; made once
/// per template.
fn row_labels(t: TemplateId) -> &'static [(Vec<char>, &'static str)] {
    static LABELS: PerTemplate<Vec<(Vec<char>, &'static str)>> = PerTemplate::new();
    LABELS.get(t, |t| {
        template::get(t)
            .tables
            .iter()
            .flat_map(|table| table.rows)
            .map(|row| (normalize_label(row.label).chars().collect(), row.label))
            .collect()
    })
}

/// The template row an extra row's label nearly matches (one or two characters differ).
fn near_row(t: TemplateId, label: &str) -> Option<&'static str> {
    let l: Vec<char> = normalize_label(label).chars().collect();
    for (k, label) in row_labels(t) {
        // Two labels whose lengths differ by more than two are more than two edits apart.
        if *k != l && k.len() >= 4 && k.len().abs_diff(l.len()) <= 2 && edit_distance(k, &l) <= 2 {
            return Some(label);
        }
    }
    None
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

fn s_05(cx: &Context, out: &mut Vec<Finding>) {
    let r = cx.report;
    for e in &r.extra_rows {
        if r.template == Some(TemplateId::V2021)
            && e.table == "s3"
            && normalize_label(&e.label) == normalize_label("（六）其他处理")
            && !r.cells.contains_key("s3.r3_6_1.total")
        {
            continue; // S-03
        }
        if r.template.and_then(|t| near_row(t, &e.label)).is_some() {
            continue; // S-07
        }
        let vals: Vec<String> = e.values.iter().map(CellValue::display).collect();
        out.push(
            Finding::new(
                "S-05",
                Severity::Warning,
                format!("模板以外的行：{}（{}）{}", e.label, e.table, vals.join(" ")),
                format!("row not in the template: {} ({})", e.label, e.table),
            )
            .with_text(e.label.clone()),
        );
    }
    let unknown: Vec<String> = if r.template.is_some() {
        cx.view()
            .stray
            .iter()
            .filter(|k| !is_template_key(k))
            .cloned()
            .collect()
    } else {
        r.cells
            .keys()
            .filter(|k| !is_template_key(k))
            .map(str::to_string)
            .collect()
    };
    if !unknown.is_empty() {
        out.push(
            Finding::new(
                "S-05",
                Severity::Warning,
                format!("模板以外的单元格：{}", unknown.join("、")),
                format!("cells not in the template: {}", unknown.join(", ")),
            )
            .with_cells(unknown),
        );
    }
}

fn s_06(cx: &Context, out: &mut Vec<Finding>) {
    if let Some(s) = cx
        .section_sentences("3")
        .find(|s| s.has(scan::kw!("勾稽关系")))
        .map(|s| s.text)
    {
        let want = normalize_label(template::S3_NOTE);
        if !normalize_label(s).contains(&want) && !want.contains(&normalize_label(s)) {
            out.push(
                Finding::new(
                    "S-06",
                    Severity::Warning,
                    "第三部分表头的勾稽关系说明与模板原文不同",
                    "the section-3 header note differs from the template",
                )
                .with_text(s),
            );
        }
    }
}

fn s_07(cx: &Context, out: &mut Vec<Finding>) {
    let Some(t) = cx.report.template else {
        return;
    };
    for e in &cx.report.extra_rows {
        if let Some(label) = near_row(t, &e.label) {
            out.push(
                Finding::new(
                    "S-07",
                    Severity::Warning,
                    format!("行标签“{}”与模板“{label}”不同", e.label),
                    format!(
                        "row label \"{}\" differs from the template's \"{label}\"",
                        e.label
                    ),
                )
                .with_text(e.label.clone()),
            );
        }
    }
}

fn s_08(cx: &Context, out: &mut Vec<Finding>) {
    if !needs_text(cx) {
        return;
    }
    for n in [5u8, 6] {
        let text = cx.report.section(n);
        // The text without spaces and punctuation: only whether it is empty or one of three
        // short words matters, so its first three chars are enough.
        let mut kept = text
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '。' | '.' | '，' | ',' | '、'));
        let head = [kept.next(), kept.next(), kept.next()];
        let heading = SECTION_HEADINGS
            .get(usize::from(n) - 1)
            .copied()
            .unwrap_or("");
        let only = match head {
            [Some('无'), None, _] => Some("无"),
            [Some('暂'), Some('无'), None] => Some("暂无"),
            [Some('没'), Some('有'), None] => Some("没有"),
            _ => None,
        };
        if head[0].is_none() {
            out.push(Finding::new(
                "S-08",
                Severity::Warning,
                format!("“{heading}”没有内容"),
                format!("section {n} is empty"),
            ));
        } else if let Some(bare) = only.filter(|_| n == 5) {
            out.push(
                Finding::new(
                    "S-08",
                    Severity::Warning,
                    format!("“{heading}”只写了“{bare}”"),
                    format!("section 5 says only \"{bare}\""),
                )
                .with_text(text.trim()),
            );
        }
    }
}

fn s_09(cx: &Context, out: &mut Vec<Finding>) {
    if cx.report.template != Some(TemplateId::V2021) || !needs_text(cx) {
        return;
    }
    let s6 = cx.report.section(6);
    if !s6.contains("处理费") && !s6.contains("收费") {
        out.push(Finding::new(
            "S-09",
            Severity::Warning,
            "第六部分没有说明收取信息处理费的情况",
            "section 6 does not state the information processing fee",
        ));
    }
}

/// A date `YYYY年M月D日` starting at char index `i`: (y, m, d, index after).
fn date_at(chars: &[char], i: usize) -> Option<(i64, i64, i64, usize)> {
    let num = |mut j: usize, max: usize| -> Option<(i64, usize)> {
        let s = j;
        while j < chars.len()
            && j - s < max
            && chars
                .get(j)
                .is_some_and(|c| crate::text::fold_width(*c).is_ascii_digit())
        {
            j += 1;
        }
        let t: String = chars
            .get(s..j)?
            .iter()
            .map(|c| crate::text::fold_width(*c))
            .collect();
        t.parse().ok().map(|v| (v, j))
    };
    let (y, j) = num(i, 4)?;
    if j - i != 4 || chars.get(j) != Some(&'年') {
        return None;
    }
    let (m, j) = num(j + 1, 2)?;
    if chars.get(j) != Some(&'月') {
        return None;
    }
    let (d, j) = num(j + 1, 2)?;
    if chars.get(j) != Some(&'日') {
        return None;
    }
    Some((y, m, d, j + 1))
}

fn s_10(cx: &Context, out: &mut Vec<Finding>) {
    let Some(year) = cx.report.year else {
        return;
    };
    for sent in cx.sentences() {
        let connector = |c| matches!(c, '至' | '到' | '—' | '-' | '~' | '～');
        if !sent.has(scan::kw!("月"))
            || !sent.has(scan::kw!("日"))
            || !sent.flat.contains(connector)
        {
            continue;
        }
        let (s, chars) = (sent.text, sent.chars());
        {
            let mut i = 0;
            while i < chars.len() {
                let starts = chars.get(i).is_some_and(|c| c.is_ascii_digit())
                    && !(i > 0 && chars.get(i - 1).is_some_and(|c| c.is_ascii_digit()));
                let found = if starts { date_at(chars, i) } else { None };
                let Some((y1, m1, d1, j)) = found else {
                    i += 1;
                    continue;
                };
                // 至 / 到 / — / - / ~ then (起) the second date.
                let mut k = j;
                while k < chars.len()
                    && k < j + 3
                    && !chars.get(k).is_some_and(|c| c.is_ascii_digit())
                {
                    k += 1;
                }
                let connected = chars
                    .get(j..k)
                    .is_some_and(|w| w.iter().any(|c| "至到—-~～".contains(*c)));
                if let Some((y2, m2, d2, _)) = date_at(chars, k).filter(|_| connected) {
                    let ok = (y1, m1, d1, y2, m2, d2)
                        == (i64::from(year), 1, 1, i64::from(year), 12, 31);
                    if !ok {
                        out.push(
                            Finding::new(
                                "S-10",
                                Severity::Warning,
                                format!("统计期限 {y1}年{m1}月{d1}日至{y2}年{m2}月{d2}日 不是 {year} 年 1月1日至12月31日"),
                                format!("statistics period {y1}-{m1}-{d1} to {y2}-{m2}-{d2} is not 1 Jan to 31 Dec {year}"),
                            )
                            .with_text(s),
                        );
                    }
                    return;
                }
                i = j;
            }
        }
    }
}

fn s_11(cx: &Context, out: &mut Vec<Finding>) {
    let (Some(year), Some(title)) = (cx.report.year, cx.report.title.as_deref()) else {
        return;
    };
    let chars: Vec<char> = title.chars().collect();
    for at in scan::find_all(&chars, "年") {
        if at < 4 {
            continue;
        }
        let y: String = chars.get(at - 4..at).unwrap_or(&[]).iter().collect();
        if let Ok(ty) = y.parse::<i32>() {
            if ty != year && (2000..2100).contains(&ty) {
                out.push(
                    Finding::new(
                        "S-11",
                        Severity::Warning,
                        format!("标题中的年度 {ty} 与报告年度 {year} 不同"),
                        format!("the title names {ty}, the report year is {year}"),
                    )
                    .with_text(title),
                );
            }
            return;
        }
    }
}

fn s_12(cx: &Context, out: &mut Vec<Finding>) {
    let v = cx.view();
    let Some(t) = v.template else {
        out.push(template_unknown("S-12"));
        return;
    };
    if !v.slots.iter().any(|s| matches!(s, V::Blank | V::Mark)) {
        return;
    }
    for (section, zh, en) in [
        (2u8, "第二部分", "s2"),
        (3, "第三部分", "s3"),
        (4, "第四部分", "s4"),
    ] {
        let cells: Vec<String> = template::get(t)
            .cells()
            .iter()
            .zip(&v.slots)
            .filter(|(c, s)| c.table.section == section && matches!(s, V::Blank | V::Mark))
            .map(|(c, _)| c.key.clone())
            .collect();
        if !cells.is_empty() {
            out.push(
                Finding::new(
                    "S-12",
                    Severity::Warning,
                    format!(
                        "{zh}表格有 {} 个单元格空白或填写符号（不按 0 计算，相关勾稽关系无法判断）",
                        cells.len()
                    ),
                    format!(
                        "{} cells of the {en} table are blank or hold a mark (not read as 0)",
                        cells.len()
                    ),
                )
                .with_cells(cells),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::model::{
        ExtraRow,
        TemplateId::{V2019, V2021},
    };

    fn with_text() -> crate::model::Report {
        let mut r = zeros(V2021);
        for n in 1..=6 {
            r.sections.insert(n.to_string(), format!("第{n}部分内容。"));
        }
        r.sections
            .insert("6".into(), "本年度未收取信息处理费。".into());
        r
    }

    #[test]
    fn complete_report_passes() {
        let r = with_text();
        for rule in [
            &S_01, &S_02, &S_03, &S_04, &S_05, &S_06, &S_07, &S_08, &S_09, &S_10, &S_11, &S_12,
        ] {
            assert!(run(rule, &r).is_empty(), "{}", rule.id);
        }
    }

    #[test]
    fn s_01_missing_section() {
        let mut r = with_text();
        r.sections.remove("5");
        assert_eq!(errors(&run(&S_01, &r)), 1);
        assert!(run(&S_01, &zeros(V2021))[0].is_not_evaluable());
    }

    #[test]
    fn s_02_parts() {
        let mut r = with_text();
        r.sections.insert("1".into(), "本报告共分五部分。".into());
        assert_eq!(fired(&S_02, &r).len(), 1);
        r.sections
            .insert("1".into(), "本报告由总体情况……等六个部分组成。".into());
        assert!(fired(&S_02, &r).is_empty());
    }

    #[test]
    fn s_03_version() {
        let mut r = zeros(V2019);
        r.year = Some(2022);
        assert_eq!(errors(&run(&S_03, &r)), 1);
        let mut r = zeros(V2021);
        for k in crate::template::S3_COLUMNS.iter().map(|d| d.key) {
            for n in 1..=3 {
                r.cells.remove(&format!("s3.r3_6_{n}.{k}"));
            }
        }
        r.extra_rows.push(ExtraRow {
            table: "s3".into(),
            label: "（六）其他处理".into(),
            values: vec![CellValue::Int(0); 7],
        });
        assert_eq!(errors(&run(&S_03, &r)), 1);
        assert_eq!(errors(&run(&S_04, &r)), 1);
        assert!(run(&S_05, &r).is_empty());
    }

    #[test]
    fn s_05_and_s_07_extra_rows() {
        let mut r = zeros(V2019);
        r.extra_rows.push(ExtraRow {
            table: "s2".into(),
            label: "其他主动公开文件".into(),
            values: vec![CellValue::Int(56)],
        });
        assert_eq!(run(&S_05, &r).len(), 1);
        r.extra_rows = vec![ExtraRow {
            table: "s3".into(),
            label: "1. 属于国际秘密".into(),
            values: vec![],
        }];
        assert!(run(&S_05, &r).is_empty());
        assert_eq!(run(&S_07, &r).len(), 1);
    }

    #[test]
    fn s_06_note() {
        let mut r = with_text();
        r.sections.insert(
            "3".into(),
            "（本列数据的勾稽关系为：第一项等于第三项）".into(),
        );
        assert_eq!(run(&S_06, &r).len(), 1);
        r.sections.insert("3".into(), template::S3_NOTE.into());
        assert!(run(&S_06, &r).is_empty());
    }

    #[test]
    fn s_08_s_09_sections() {
        let mut r = with_text();
        r.sections.insert("5".into(), "无。".into());
        r.sections.insert("6".into(), "".into());
        assert_eq!(run(&S_08, &r).len(), 2);
        assert_eq!(run(&S_09, &r).len(), 1);
    }

    #[test]
    fn s_10_s_11_years() {
        let mut r = with_text();
        r.sections.insert(
            "1".into(),
            "本报告统计期限自2023年1月1日起至2023年12月31日止。".into(),
        );
        assert_eq!(run(&S_10, &r).len(), 1);
        r.sections.insert(
            "1".into(),
            "统计期限为2024年1月1日至2024年12月31日。".into(),
        );
        assert!(run(&S_10, &r).is_empty());
        r.title = Some("某局2023年政府信息公开工作年度报告".into());
        assert_eq!(run(&S_11, &r).len(), 1);
        r.title = Some("某局2024年政府信息公开工作年度报告".into());
        assert!(run(&S_11, &r).is_empty());
    }

    /// The plain [`near_row`]: every row label normalised and compared in full.
    fn plain_near_row(t: TemplateId, label: &str) -> Option<&'static str> {
        let l: Vec<char> = normalize_label(label).chars().collect();
        for table in template::get(t).tables {
            for row in table.rows {
                let k: Vec<char> = normalize_label(row.label).chars().collect();
                if k != l && k.len() >= 4 && edit_distance(&k, &l) <= 2 {
                    return Some(row.label);
                }
            }
        }
        None
    }

    #[test]
    fn near_row_is_the_plain_one() {
        for t in [V2019, V2021] {
            for table in template::get(t).tables {
                for row in table.rows {
                    let c: Vec<char> = row.label.chars().collect();
                    let mut labels = vec![row.label.to_string(), format!("{}其他", row.label)];
                    for i in 0..c.len() {
                        let mut v = c.clone();
                        v[i] = '国';
                        labels.push(v.iter().collect());
                        labels.push(c[..i].iter().chain(&c[i + 1..]).collect());
                        labels.push(c[i..].iter().collect());
                    }
                    for l in labels {
                        assert_eq!(near_row(t, &l), plain_near_row(t, &l), "{l}");
                    }
                }
            }
        }
    }

    #[test]
    fn template_unknown_is_said() {
        let mut r = zeros(V2021);
        r.template = None;
        for rule in [&S_03, &S_04, &S_12] {
            let f = run(rule, &r);
            assert_eq!(f.len(), 1, "{}", rule.id);
            assert!(f[0].is_not_evaluable());
        }
    }

    #[test]
    fn s_12_one_finding_per_table() {
        let mut r = zeros(V2021);
        set_value(&mut r, "s2.rules.in_force", CellValue::Blank);
        set_value(&mut r, "s2.rules.issued", CellValue::Text("/".into()));
        set_value(&mut r, "s4.review.total", CellValue::Blank);
        let f = run(&S_12, &r);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].cells.len(), 2);
    }
}
