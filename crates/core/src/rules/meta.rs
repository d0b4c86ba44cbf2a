//! M-01…M-03: publication metadata.

use crate::finding::{Finding, Severity};

use super::scan::kw;
use super::{not_evaluable, rule, Context};

rule!(
    M_01,
    "M-01",
    Warning,
    "按时发布",
    "published on time",
    m_01,
    "## 检查什么\n落款日期不晚于次年 1月31日（政府部门）；本级人民政府的年报（由政府信息公开工作主管部门发布）不晚于次年 3月31日。乡镇人民政府按 1月31日。\n\n\
## 为什么\n《条例》第四十九条。落款日期不一定是发布日期，故为提醒。\n\n\
## 示例（提醒）\n某市交通运输局 2024 年报落款 2025年2月10日。\n\n\
## 无法判断\n没有落款日期或报告年度时。"
);

rule!(
    M_02,
    "M-02",
    Error,
    "落款日期早于年度结束",
    "dated before the year ended",
    m_02,
    "## 检查什么\n落款日期早于报告年度的 12月31日。\n\n\
## 为什么\n年度尚未结束，不可能完成全年统计；多为年份写错。\n\n\
## 示例（不通过）\n2024 年度报告落款 2024年1月20日。"
);

rule!(
    M_03,
    "M-03",
    Warning,
    "引用的格式文件与版本一致",
    "the cited format circular matches the version",
    m_03,
    "## 检查什么\n2021 年度起的报告应依据国办公开办函〔2021〕30号；只引用〔2019〕60号 说明沿用了旧格式说明。\n\n\
## 为什么\n2021 年起使用新格式（SPEC §1.3）。\n\n\
## 示例（提醒）\n2022 年报写“根据……（国办公开办函〔2019〕60号）的要求”。"
);

/// (y, m, d) of `YYYY-MM-DD`.
pub(crate) fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let mut it = s.trim().splitn(3, '-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.get(..2)?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// A 本级人民政府 report (deadline 3月31日) rather than a department's (1月31日).
pub(crate) fn is_government(agency: Option<&str>, title: Option<&str>) -> bool {
    if title.is_some_and(|t| t.contains("本级政府")) {
        return true;
    }
    let name = match (agency, title) {
        (Some(a), _) => a.trim().to_string(),
        (None, Some(t)) => t.chars().take_while(|c| !c.is_ascii_digit()).collect(),
        (None, None) => return false,
    };
    name.ends_with("人民政府") && !name.ends_with("镇人民政府") && !name.ends_with("乡人民政府")
}

fn m_01(cx: &Context, out: &mut Vec<Finding>) {
    let r = cx.report;
    let (Some(year), Some(date)) = (r.year, r.date.as_deref().and_then(parse_date)) else {
        out.push(not_evaluable("M-01", "发布时限", "deadline", Vec::new()));
        return;
    };
    let gov = is_government(r.agency.as_deref(), r.title.as_deref());
    let deadline = if gov {
        (year.saturating_add(1), 3, 31)
    } else {
        (year.saturating_add(1), 1, 31)
    };
    if date > deadline {
        let (y, m, d) = date;
        let who = if gov {
            "本级人民政府年报"
        } else {
            "部门年报"
        };
        out.push(Finding::new(
            "M-01",
            Severity::Warning,
            format!(
                "落款日期 {y}年{m}月{d}日 晚于{who}的发布时限 {}年{}月{}日",
                deadline.0, deadline.1, deadline.2
            ),
            format!(
                "dated {y}-{m:02}-{d:02}, after the deadline {}-{:02}-{:02}",
                deadline.0, deadline.1, deadline.2
            ),
        ));
    }
}

fn m_02(cx: &Context, out: &mut Vec<Finding>) {
    let r = cx.report;
    let (Some(year), Some(date)) = (r.year, r.date.as_deref().and_then(parse_date)) else {
        return;
    };
    if date < (year, 12, 31) {
        let (y, m, d) = date;
        out.push(Finding::new(
            "M-02",
            Severity::Error,
            format!("落款日期 {y}年{m}月{d}日 早于报告年度结束（{year}年12月31日）"),
            format!("dated {y}-{m:02}-{d:02}, before the report year {year} ended"),
        ));
    }
}

fn m_03(cx: &Context, out: &mut Vec<Finding>) {
    let Some(year) = cx.report.year else {
        return;
    };
    if year < 2021 {
        return;
    }
    let sections = || cx.report.sections.values().map(String::as_str);
    // "60号" holds no sentence delimiter or line break: inside a section it stands in one
    // sentence, whose bloom then holds its chars. Without such a sentence only the seams
    // between sections are left to search.
    let inside = cx.sentences().iter().any(|s| s.may_have(kw!("60号")));
    if joined_contains(sections(), "60号", inside) && !joined_contains(sections(), "30号", true) {
        out.push(Finding::new(
            "M-03",
            Severity::Warning,
            format!("{year} 年度报告只引用了国办公开办函〔2019〕60号，应依据〔2021〕30号"),
            format!("a {year} report cites only the 2019 circular No. 60, not the 2021 No. 30"),
        ));
    }
}

/// Whether the texts joined into one contain `pat`, without joining them: each text is searched
/// (unless `inside` is false: the caller knows no text holds `pat`), and the bytes around each
/// seam (the last bytes before it and the first after).
fn joined_contains<'a>(texts: impl Iterator<Item = &'a str>, pat: &str, inside: bool) -> bool {
    let p = pat.as_bytes();
    // A match across a seam starts in the last `p.len() - 1` bytes before it.
    let keep = p.len().saturating_sub(1);
    let mut tail: Vec<u8> = Vec::new();
    for t in texts {
        if inside && t.contains(pat) {
            return true;
        }
        let b = t.as_bytes();
        if !tail.is_empty() {
            let head = b.get(..keep.min(b.len())).unwrap_or(b);
            let seam_start = tail.len();
            tail.extend_from_slice(head);
            // Only windows that cross the seam; those inside `t` were searched above.
            if tail.windows(p.len()).any(|w| w == p) {
                return true;
            }
            tail.truncate(seam_start);
        }
        tail.extend_from_slice(b.get(b.len().saturating_sub(keep)..).unwrap_or(b));
        let cut = tail.len().saturating_sub(keep);
        tail.drain(..cut);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::model::TemplateId::V2021;

    #[test]
    fn m_01_deadlines() {
        let mut r = zeros(V2021);
        assert!(run(&M_01, &r)[0].is_not_evaluable());
        r.agency = Some("淮安市人民政府".into());
        r.date = Some("2025-03-20".into());
        assert!(run(&M_01, &r).is_empty());
        r.agency = Some("淮安市交通运输局".into());
        assert_eq!(fired(&M_01, &r).len(), 1);
        r.date = Some("2025-01-20".into());
        assert!(run(&M_01, &r).is_empty());
        assert!(is_government(
            None,
            Some("淮安市人民政府2024年政府信息公开工作年度报告")
        ));
        assert!(!is_government(Some("淮安市人民政府办公室"), None));
    }

    #[test]
    fn m_02_early_date() {
        let mut r = zeros(V2021);
        r.date = Some("2024-01-20".into());
        assert_eq!(errors(&run(&M_02, &r)), 1);
        r.date = Some("2025-01-20".into());
        assert!(run(&M_02, &r).is_empty());
    }

    #[test]
    fn joined_contains_is_contains_of_the_joined_text() {
        let pieces = [
            "",
            "6",
            "0",
            "号",
            "60",
            "号号",
            "30号",
            "a60",
            "0号b",
            "〔2019〕60号",
            "x",
        ];
        // Every sequence of up to four pieces.
        let mut seqs: Vec<Vec<&str>> = vec![vec![]];
        for _ in 0..4 {
            let longer: Vec<Vec<&str>> = seqs
                .iter()
                .flat_map(|s| pieces.iter().map(move |p| [s.as_slice(), &[*p]].concat()))
                .collect();
            seqs.extend(longer);
            seqs.dedup();
        }
        for s in &seqs {
            let all: String = s.concat();
            for pat in ["60号", "30号", "号", "0号"] {
                assert_eq!(
                    joined_contains(s.iter().copied(), pat, true),
                    all.contains(pat),
                    "{s:?} {pat}"
                );
                // Without searching inside: the same when no piece holds `pat`.
                if !s.iter().any(|p| p.contains(pat)) {
                    assert_eq!(
                        joined_contains(s.iter().copied(), pat, false),
                        all.contains(pat),
                        "{s:?} {pat}"
                    );
                }
            }
        }
    }

    #[test]
    fn m_03_finds_the_number_across_lines_and_sections() {
        let mut r = zeros(V2021);
        r.sections
            .insert("1".into(), "根据国办公开办函〔2019〕60".into());
        r.sections.insert("2".into(), "号的要求".into());
        assert_eq!(run(&M_03, &r).len(), 1);
        r.sections
            .insert("1".into(), "根据国办公开办函〔2019〕6\n0号的要求。".into());
        r.sections.insert("2".into(), String::new());
        assert!(run(&M_03, &r).is_empty());
        r.sections.insert("1".into(), "根据；60号。".into());
        assert_eq!(run(&M_03, &r).len(), 1);
    }

    #[test]
    fn m_03_circular() {
        let mut r = zeros(V2021);
        r.sections.insert(
            "1".into(),
            "根据《通知》（国办公开办函〔2019〕60号）的要求".into(),
        );
        assert_eq!(run(&M_03, &r).len(), 1);
        r.sections
            .insert("1".into(), "根据国办公开办函〔2021〕30号要求".into());
        assert!(run(&M_03, &r).is_empty());
    }
}
