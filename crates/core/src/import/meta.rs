//! Report metadata from the text: title, agency, year and the 落款 date. The title is
//! `{机关}{YYYY}年(度)政府信息公开工作年度报告` (some reports put the year first, some put the
//! agency on the line above); the 落款 is the agency and a date at the end.

use super::text::doc::{fold_char, Doc};
use crate::text::fold_width;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub date: Option<String>,
    /// Where the 落款 (signer, else date) starts: the narrative ends there.
    pub signature_at: Option<usize>,
}

/// How far into the text the title is looked for (page chrome comes first in crawler copies).
const TITLE_WINDOW: usize = 1200;

/// Reads the metadata. `s1_body` is where section 1's text starts (its first sentence often
/// reads `2022年，国家新闻出版署坚持…`); `tail_from` is where the 落款 may start (section 6's
/// body, or the text's last part when there is no section 6).
pub fn read(doc: &Doc, s1_body: Option<usize>, tail_from: usize) -> Meta {
    let mut meta = Meta::default();
    // The title comes before section 1.
    let window = s1_body.map_or(TITLE_WINDOW, |b| b.min(TITLE_WINDOW));
    let head: Vec<char> = doc.chars.iter().take(window).copied().collect();
    if let Some(t) = find_title(&head) {
        meta.year = t.year;
        meta.agency = t.agency;
        meta.title = Some(t.title);
    }
    let opening: Vec<char> = s1_body
        .map(|b| {
            doc.chars[b.min(doc.len())..]
                .iter()
                .filter(|c| !c.is_whitespace())
                .take(60)
                .copied()
                .collect()
        })
        .unwrap_or_default();
    if meta.year.is_none() {
        meta.year = opening_year(&opening).map(|(y, _)| y).or_else(|| {
            let wide: Vec<char> = doc.chars.iter().take(TITLE_WINDOW).copied().collect();
            period_year(&wide)
        });
    }
    let (date, signer, at) = signature(doc, tail_from);
    meta.date = date;
    meta.signature_at = at;
    if meta.agency.is_none() {
        meta.agency = signer;
    }
    if meta.agency.is_none() {
        meta.agency = opening_year(&opening).and_then(|(_, rest)| subject(&opening[rest..]));
    }
    meta
}

/// `2022年，` at the start of section 1: the year and where the sentence goes on.
fn opening_year(s: &[char]) -> Option<(i32, usize)> {
    let y = year_at(s, 0)?;
    (s.get(4) == Some(&'年')).then_some(())?;
    let mut i = 5;
    if s.get(i) == Some(&'度') {
        i += 1;
    }
    matches!(s.get(i), Some('，' | ',')).then_some((y, i + 1))
}

/// The agency named as the subject of a sentence: the longest start that ends like an agency
/// name, before the first verb.
fn subject(s: &[char]) -> Option<String> {
    const VERBS: [&str; 16] = [
        "坚持",
        "认真",
        "深入",
        "按照",
        "全面",
        "严格",
        "始终",
        "持续",
        "围绕",
        "不断",
        "切实",
        "积极",
        "扎实",
        "贯彻",
        "以习",
        "进一步",
    ];
    const ENDS: &str = "署局厅委办院府室会区县市镇乡处所站队馆心司部行";
    let text: String = s.iter().take(30).collect();
    let cut = VERBS
        .iter()
        .filter_map(|v| text.find(v))
        .min()
        .unwrap_or(text.len());
    let cand: Vec<char> = text[..cut].chars().collect();
    let end = cand.iter().rposition(|c| ENDS.contains(*c))? + 1;
    let name: String = cand[..end].iter().collect();
    // `区政府办公室`, `我局`: a reference to itself, not the name.
    let relative = name.starts_with(['我', '本', '该', '区', '市', '县', '镇', '乡']);
    (end >= 4 && is_agency(&name) && !relative).then_some(name)
}

struct Title {
    title: String,
    agency: Option<String>,
    year: Option<i32>,
}

/// Finds `政府信息公开…报告` with a year before it, allowing line breaks inside the title.
fn find_title(head: &[char]) -> Option<Title> {
    // Compact copy without white space, keeping a map to the original index.
    let (compact, map): (Vec<char>, Vec<usize>) = head
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, c)| (fold_char(*c), i))
        .unzip();
    let key: Vec<char> = "政府信息公开".chars().collect();
    let mut from = 0;
    let mut found: Option<Title> = None;
    while let Some(p) = find(&compact, &key, from) {
        from = p + 1;
        let tail_end = (p + key.len() + 12).min(compact.len());
        let Some(rep) = find(&compact[..tail_end], &['报', '告'], p) else {
            continue;
        };
        let lo = p.saturating_sub(40);
        let Some((ys, ye, year)) = last_year(&compact[lo..p]).map(|(s, e, y)| (s + lo, e + lo, y))
        else {
            continue;
        };
        let title_end = rep + 2;
        if compact.get(title_end) == Some(&'》') {
            continue; // a reference to another report, not the title
        }
        let agency_between: String = compact[ye..p].iter().collect();
        // The agency before the year: on the same original line, after the last space.
        let y_orig = map.get(ys).copied().unwrap_or(0);
        let line_start = head[..y_orig]
            .iter()
            .rposition(|c| *c == '\n')
            .map_or(0, |i| i + 1);
        let before: String = head[line_start..y_orig].iter().collect();
        let before = before
            .split(|c: char| c.is_whitespace() || c == ':' || c == '：' || c == '#')
            .rfind(|s| !s.is_empty())
            .unwrap_or("")
            .to_string();
        if !before.is_empty() && !is_agency(&before) {
            continue; // a sentence that mentions a report, not the title line
        }
        let agency = if !before.is_empty() {
            Some(before.clone())
        } else if is_agency(&agency_between) {
            Some(agency_between.clone())
        } else {
            previous_line(head, line_start).filter(|s| is_agency(s))
        };
        // The agency on the line above belongs to the title too (`威海市工业和信息化局` /
        // `2020 年政府信息公开年度工作报告`).
        let prefix = if before.is_empty() && agency_between.is_empty() {
            agency.clone().unwrap_or_default()
        } else {
            before.clone()
        };
        let title = format!(
            "{prefix}{}",
            compact[ys..title_end].iter().collect::<String>()
        );
        match found.as_mut() {
            None => {
                found = Some(Title {
                    title,
                    agency,
                    year: Some(year),
                })
            }
            Some(t) if t.agency.is_none() && t.year == Some(year) && agency.is_some() => {
                t.agency = agency;
                t.title = title;
            }
            Some(_) => {}
        }
        if found.as_ref().is_some_and(|t| t.agency.is_some()) {
            break;
        }
    }
    found
}

fn is_agency(s: &str) -> bool {
    let n = s.chars().count();
    (2..=40).contains(&n)
        && s.chars()
            .all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || "（）()·".contains(c))
}

fn previous_line(head: &[char], line_start: usize) -> Option<String> {
    let before: String = head[..line_start.min(head.len())].iter().collect();
    before
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.trim_start_matches('#').trim().to_string())
}

fn find(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    let last = hay.len().checked_sub(needle.len())?;
    (from..=last).find(|&i| hay[i..].starts_with(needle))
}

/// The last `YYYY年` / `YYYY年度` in `s`: (start, end after 年/年度, year).
fn last_year(s: &[char]) -> Option<(usize, usize, i32)> {
    let mut found = None;
    let mut i = 0;
    while i + 4 < s.len() {
        if let Some(y) = year_at(s, i) {
            if s.get(i + 4) == Some(&'年') {
                let end = if s.get(i + 5) == Some(&'度') {
                    i + 6
                } else {
                    i + 5
                };
                found = Some((i, end, y));
            }
        }
        i += 1;
    }
    found
}

fn year_at(s: &[char], i: usize) -> Option<i32> {
    let d = s.get(i..i + 4)?;
    if !d.iter().all(|c| c.is_ascii_digit()) || (i > 0 && s[i - 1].is_ascii_digit()) {
        return None;
    }
    let y: i32 = d.iter().collect::<String>().parse().ok()?;
    (2000..=2099).contains(&y).then_some(y)
}

/// The year of the statistics period (`统计期限自2023年1月1日`), or the most frequent year.
fn period_year(head: &[char]) -> Option<i32> {
    let compact: Vec<char> = head
        .iter()
        .filter(|c| !c.is_whitespace())
        .copied()
        .collect();
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for i in 0..compact.len() {
        if let Some(y) = year_at(&compact, i) {
            if compact.get(i + 4) == Some(&'年') {
                match counts.iter_mut().find(|(v, _)| *v == y) {
                    Some(e) => e.1 += 1,
                    None => counts.push((y, 1)),
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(y, n)| (*n, -*y))
        .map(|(y, _)| *y)
}

/// The 落款: the first `YYYY年M月D日` after `from` that stands alone (line end, space or the end
/// follows; not `…日印`), and the agency name just before it.
fn signature(doc: &Doc, from: usize) -> (Option<String>, Option<String>, Option<usize>) {
    // Only the text from 40 chars before `from` is read (a signer is looked for at most 40
    // chars back): `s` holds it folded, and its positions are doc positions minus `lo`.
    let from = from.min(doc.len());
    let lo = from.saturating_sub(40);
    let s: Vec<char> = doc.chars[lo..].iter().map(|c| fold_width(*c)).collect();
    let mut i = from - lo;
    while i + 8 <= s.len() {
        if let Some(y) = year_at(&s, i).or_else(|| chinese_year_at(&s, i)) {
            if let Some((m, d, end)) = month_day(&s, i + 4) {
                let next = s.get(end).copied();
                let alone = next.is_none_or(|c| c.is_whitespace() || c == '）' || c == ')');
                let prev_ok =
                    i == 0 || !(s[i - 1].is_ascii_digit() || cn_digit(s[i - 1]).is_some());
                if alone && prev_ok && (1..=12).contains(&m) && (1..=31).contains(&d) {
                    let signer = signer_before(&s, i);
                    let at = signer.as_ref().map_or(i, |n| {
                        let n: Vec<char> = n.chars().collect();
                        (i.saturating_sub(40)..i)
                            .rev()
                            .find(|&p| s[p..].starts_with(&n))
                            .unwrap_or(i)
                    });
                    return (Some(format!("{y:04}-{m:02}-{d:02}")), signer, Some(lo + at));
                }
            }
        }
        i += 1;
    }
    (None, None, None)
}

/// A digit written as a Chinese numeral (`〇`–`九`, also `零` and the letters O that stand for
/// 〇). A `match`: the signature search asks at every char of the text's end.
fn cn_digit(c: char) -> Option<i32> {
    match c {
        '〇' | '零' | 'О' | 'O' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// `二〇二一` (a year written digit by digit in Chinese numerals).
fn chinese_year_at(s: &[char], i: usize) -> Option<i32> {
    let d = s.get(i..i + 4)?;
    let y = d
        .iter()
        .try_fold(0i32, |acc, c| Some(acc * 10 + cn_digit(*c)?))?;
    (2000..=2099).contains(&y).then_some(y)
}

/// `年M月D日` at `i` (allowing spaces, digits or Chinese numerals): (month, day, index after 日).
fn month_day(s: &[char], mut i: usize) -> Option<(u32, u32, usize)> {
    let skip = |i: &mut usize| {
        while s.get(*i).is_some_and(|c| *c == ' ') {
            *i += 1;
        }
    };
    skip(&mut i);
    (s.get(i) == Some(&'年')).then_some(())?;
    i += 1;
    let num = |i: &mut usize, unit: char| -> Option<u32> {
        skip(i);
        let st = *i;
        while s
            .get(*i)
            .is_some_and(|c| c.is_ascii_digit() || cn_digit(*c).is_some() || *c == '十')
            && *i - st < 3
        {
            *i += 1;
        }
        let text: String = s[st..*i].iter().collect();
        let v = crate::text::parse_chinese_number(&text)?;
        skip(i);
        (s.get(*i) == Some(&unit)).then_some(())?;
        *i += 1;
        u32::try_from(v).ok()
    };
    let m = num(&mut i, '月')?;
    let d = num(&mut i, '日')?;
    Some((m, d, i))
}

fn signer_before(s: &[char], i: usize) -> Option<String> {
    let lo = i.saturating_sub(40);
    let before: String = s[lo..i].iter().collect();
    let cand = before
        .split(|c: char| c.is_whitespace() || "。，；：".contains(c))
        .rfind(|t| !t.is_empty())?
        .to_string();
    is_agency(&cand).then_some(cand)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`cn_digit`] is the position in the numerals' string it was first written as.
    #[test]
    fn cn_digit_is_the_numerals_position() {
        let plain = |c: char| {
            "〇一二三四五六七八九"
                .chars()
                .position(|x| x == c)
                .or_else(|| (c == '零' || c == 'О' || c == 'O').then_some(0))
                .map(|d| d as i32)
        };
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            assert_eq!(cn_digit(c), plain(c), "{c:?}");
        }
    }

    fn meta(t: &str) -> Meta {
        let doc = Doc::new(t);
        read(&doc, None, 0)
    }

    #[test]
    fn title_forms() {
        let m = meta("淮安市人民政府\n2024 年政府信息公开工作年度报告\n正文很长很长很长很长很长很长很长很长很长很长很长很长");
        assert_eq!(m.year, Some(2024));
        assert_eq!(m.agency.as_deref(), Some("淮安市人民政府"));
        assert_eq!(
            m.title.as_deref(),
            Some("淮安市人民政府2024年政府信息公开工作年度报告")
        );
        let m = meta("当前位置： 首页 平潭综合实验区2021年度政府信息公开工作年度报告 来源");
        assert_eq!(m.agency.as_deref(), Some("平潭综合实验区"));
        assert_eq!(m.year, Some(2021));
        let m = meta("正文\n2025 年上海市人民政府办公厅政府信息公开\n工作年度报告\n");
        assert_eq!(m.agency.as_deref(), Some("上海市人民政府办公厅"));
    }

    #[test]
    fn fallbacks_from_section_one() {
        let t = "根据条例编制本报告。\n一、总体情况\n2022年,国家新闻出版署坚持以习近平新时代…\n";
        let doc = Doc::new(t);
        let m = read(&doc, t.find("2022").map(|b| t[..b].chars().count()), 0);
        assert_eq!(m.year, Some(2022));
        assert_eq!(m.agency.as_deref(), Some("国家新闻出版署"));
        let m = meta("2022年政府信息公开工作年度报告\n桃江县松木塘镇人民政府\n2022年政府信息公开工作年度报告\n");
        assert_eq!(m.agency.as_deref(), Some("桃江县松木塘镇人民政府"));
    }

    #[test]
    fn signature_date() {
        let t = "甲2020年政府信息公开工作年度报告\n正文正文正文正文正文正文正文正文正文正文\n威海市工业和信息化局\n\n2021年1月28日";
        assert_eq!(meta(t).date.as_deref(), Some("2021-01-28"));
        let t =
            "正文正文正文正文正文正文正文正文正文 管理局 2023年1月9日 抄送 办公室 2023年1月9日印";
        assert_eq!(meta(t).date.as_deref(), Some("2023-01-09"));
        let t = "正文\n某某县人民政府\n二〇二一年一月二十八日\n";
        let m = meta(t);
        assert_eq!(m.date.as_deref(), Some("2021-01-28"));
        assert_eq!(m.agency.as_deref(), Some("某某县人民政府"));
    }
}
