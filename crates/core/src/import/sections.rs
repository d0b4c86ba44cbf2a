//! Splitting a report into its six sections by their headings (SPEC.md §2). Headings are found
//! by keyword with their numeral (`二、主动公开政府信息情况`, also `二 主动…`, `二.主动…`,
//! `## 二、…`, leading spaces, traditional characters), in order, anywhere in the text — crawler
//! copies put the whole report on one line, so headings are not necessarily at a line start.
//! The numeral is required: prefaces list the section titles without it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::text::doc::{norm_chars, Doc, Norm};
use super::text::tokens::{is_page_number, is_page_number_line, page_number_chars};
use crate::template::{SECTION_ALIASES, SECTION_HEADINGS};

const NUMERALS: [char; 6] = ['一', '二', '三', '四', '五', '六'];

/// Where one section's heading is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Heading {
    /// Char index of the heading's numeral.
    pub start: usize,
    /// Char index just after the heading.
    pub body: usize,
}

/// The six sections' headings (index 0 = section 1), `None` when not found.
pub fn find(doc: &Doc) -> [Option<Heading>; 6] {
    let norm = Norm::new(doc, 0, doc.len());
    let mut out = [None; 6];
    let mut cursor = 0usize;
    for (k, found) in out.iter_mut().enumerate() {
        if let Some((i, body)) = first_heading(doc, &norm, k, cursor) {
            *found = Some(Heading {
                start: norm.doc_index(i, doc.len()),
                body,
            });
            cursor = i + 1;
        }
    }
    // Headings worded differently from every alias: the numeral and a keyword close after it.
    for k in 0..6 {
        if out[k].is_some() {
            continue;
        }
        let from = out[..k].iter().flatten().map(|h| h.body).max().unwrap_or(0);
        let to = out[k + 1..]
            .iter()
            .flatten()
            .map(|h| h.start)
            .min()
            .unwrap_or(doc.len());
        out[k] = by_keyword(doc, k, from, to);
    }
    out
}

/// The first heading of section `k` (0-based) at or after norm index `from`: its norm index and
/// the doc index just after it. Every needle of the section starts with its numeral, so one scan
/// over the numeral's places tries them all (at one place, the first listed needle wins).
fn first_heading(doc: &Doc, norm: &Norm, k: usize, from: usize) -> Option<(usize, usize)> {
    let needles = &heading_needles()[k];
    let numeral = [NUMERALS[k]];
    let mut from = from;
    while let Some(i) = norm.find(&numeral, from) {
        let rest = norm.chars.get(i..).unwrap_or_default();
        if let Some(needle) = needles.iter().find(|n| rest.starts_with(n)) {
            if is_heading_start(doc, norm.doc_index(i, doc.len())) {
                let end = norm.doc_index(i + needle.len() - 1, doc.len()) + 1;
                return Some((i, end));
            }
        }
        from = i + 1;
    }
    None
}

/// Each section's heading as searched for: its numeral and each of its names, normalised
/// (built once).
fn heading_needles() -> &'static [Vec<Vec<char>>; 6] {
    static NEEDLES: OnceLock<[Vec<Vec<char>>; 6]> = OnceLock::new();
    NEEDLES.get_or_init(|| {
        std::array::from_fn(|k| {
            let mut names: Vec<&str> = SECTION_ALIASES[k].to_vec();
            if let Some((_, rest)) = SECTION_HEADINGS[k].split_once('、') {
                names.push(rest);
            }
            names
                .into_iter()
                .map(|name| {
                    let mut needle = vec![NUMERALS[k]];
                    needle.extend(norm_chars(name));
                    needle
                })
                .collect()
        })
    })
}

/// Keywords that identify a section heading when its wording matches no alias.
const KEYWORDS: [&[&str]; 6] = [
    &["总体情况", "概述", "基本情况"],
    &["主动公开"],
    &["依申请", "收到和处理", "申请情况"],
    &["行政复议", "行政诉讼"],
    &["存在的主要问题", "存在问题", "主要问题", "改进"],
    &["其他需要报告", "其他事项"],
];

/// How far after the numeral the keyword may be (a heading is short).
const KEYWORD_REACH: usize = 24;

fn by_keyword(doc: &Doc, k: usize, from: usize, to: usize) -> Option<Heading> {
    let to = to.min(doc.len());
    let mut i = from.min(to);
    while i < to {
        if doc.chars[i] == NUMERALS[k]
            && is_heading_start(doc, i)
            && matches!(
                doc.chars.get(i + 1),
                Some('、' | '.' | '．' | ' ' | '\u{3000}' | '，')
            )
        {
            let end = (i + KEYWORD_REACH).min(to);
            let window: String = doc.chars[i..end]
                .iter()
                .take_while(|c| !matches!(c, '。' | '；' | '\n' | '：'))
                .collect();
            for kw in KEYWORDS[k] {
                if let Some(p) = window.find(kw) {
                    let body = i + window[..p].chars().count() + kw.chars().count();
                    let rest = doc.chars[body..end.max(body)]
                        .iter()
                        .take_while(|c| !matches!(c, '。' | '；' | '\n'))
                        .position(|c| *c == '况' || *c == '项' || *c == '施');
                    let body = rest.map_or(body, |r| body + r + 1);
                    return Some(Heading { start: i, body });
                }
            }
        }
        i += 1;
    }
    None
}

/// The end of section `k` (0-based): the start of the next found heading, else the text's end.
pub fn end_of(headings: &[Option<Heading>; 6], k: usize, doc_len: usize) -> usize {
    headings
        .iter()
        .skip(k + 1)
        .flatten()
        .map(|h| h.start)
        .next()
        .unwrap_or(doc_len)
}

/// Where the 落款 may start: section 6's body, else the last 300 characters of the text.
pub fn tail_from(headings: &[Option<Heading>; 6], doc_len: usize) -> usize {
    headings[5].map_or(doc_len.saturating_sub(300), |h| h.body)
}

/// Each found section's narrative, keyed `"1"`…`"6"`: its text from the heading to the next
/// heading, without the char range `table(k)` returns for section `k` (0-based; its table) and
/// without the 落款 (from `signature_at` on); PDF page numbers and blank edges are dropped.
pub fn narratives(
    doc: &Doc,
    headings: &[Option<Heading>; 6],
    signature_at: Option<usize>,
    table: impl Fn(usize) -> Option<(usize, usize)>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (k, h) in headings.iter().enumerate() {
        let Some(h) = h else { continue };
        let mut end = end_of(headings, k, doc.len());
        if let Some(at) = signature_at.filter(|at| *at >= h.body) {
            end = end.min(at);
        }
        let text = match table(k) {
            Some((s, e)) => {
                let before = clamp(doc, h.body, s.max(h.body).min(end));
                let after = clamp(doc, e.max(h.body), end);
                let after_text = doc.slice_str(after.0, after.1);
                if after_text.trim().is_empty() {
                    clean_lines(doc, &[before])
                } else {
                    // The text is the part before the table without its trailing white space,
                    // a line end, and the part after it without its leading white space.
                    let before_text = doc.slice_str(before.0, before.1);
                    let trailing = before_text.chars().rev().take_while(|c| c.is_whitespace());
                    let leading = after_text.chars().take_while(|c| c.is_whitespace());
                    let before_end = before.1.saturating_sub(trailing.count());
                    let after_start = after.0 + leading.count();
                    clean_lines(doc, &[(before.0, before_end), (after_start, after.1)])
                }
            }
            None => clean_lines(doc, &[clamp(doc, h.body, end)]),
        };
        out.insert((k + 1).to_string(), text);
    }
    out
}

/// A section's prose without PDF page numbers and blank edges.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let page_number = |t: &str| page_number_chars(t) && is_page_number(t);
    for (n, line) in text.lines().filter(|l| !page_number(l.trim())).enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(line);
    }
    trim(out)
}

/// The text without its blank edges, in place.
fn trim(mut text: String) -> String {
    text.truncate(text.trim_end().len());
    let lead = text.len() - text.trim_start().len();
    text.drain(..lead);
    text
}

/// A char range clamped to the doc as [`Doc::slice`] clamps it.
fn clamp(doc: &Doc, start: usize, end: usize) -> (usize, usize) {
    let end = end.min(doc.len());
    (start.min(end), end)
}

/// [`clean`] of the text of the doc's char `ranges` (clamped) joined by line ends, without
/// splitting that text into lines: the lines are the doc's, and the kept ones are copied in
/// runs (the text between two dropped lines at once, its own line ends included). A line that
/// ends in a CR (which `lines` drops) sends the text to [`clean`].
fn clean_lines(doc: &Doc, ranges: &[(usize, usize)]) -> String {
    let size = ranges.iter().map(|&(a, b)| doc.slice_str(a, b).len() + 1);
    let mut out = String::with_capacity(size.sum());
    // Whether a line was written (it may be empty): the next run starts with a line end.
    let mut written = false;
    let mut flush = |out: &mut String, run: Option<(usize, usize)>| {
        if let Some((a, b)) = run {
            if written {
                out.push('\n');
            }
            out.push_str(doc.slice_str(a, b));
            written = true;
        }
    };
    for &(start, end) in ranges {
        let starts = doc.line_starts_in(start, end);
        // Each line runs from its start to the `\n` before the next line's start (or to `end`).
        let ends = starts.iter().map(|&s| s.saturating_sub(1)).chain([end]);
        let mut run: Option<(usize, usize)> = None;
        for (a, b) in std::iter::once(start)
            .chain(starts.iter().copied())
            .zip(ends)
        {
            if b > a && doc.chars.get(b - 1) == Some(&'\r') {
                let text: Vec<&str> = ranges.iter().map(|&(a, b)| doc.slice_str(a, b)).collect();
                return clean(&text.join("\n"));
            }
            if is_page_number_line(doc.chars.get(a..b).unwrap_or_default()) {
                flush(&mut out, run.take());
            } else {
                run = Some((run.map_or(a, |r| r.0), b));
            }
        }
        flush(&mut out, run);
    }
    trim(out)
}

/// A numeral starts a heading unless it is part of `（二）`, `第二` or a longer numeral.
fn is_heading_start(doc: &Doc, i: usize) -> bool {
    let prev = doc.chars[..i.min(doc.len())]
        .iter()
        .rev()
        .find(|c| !matches!(c, ' ' | '\t' | '\u{3000}' | '#' | '*'));
    !matches!(
        prev,
        Some(
            '（' | '(' | '第' | '十' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(text: &str) -> Vec<Option<usize>> {
        let doc = Doc::new(text);
        find(&doc).iter().map(|h| h.map(|h| h.start)).collect()
    }

    /// [`first_heading`] as it was written first: each needle searched on its own, the
    /// earliest kept.
    fn first_heading_plain(
        doc: &Doc,
        norm: &Norm,
        k: usize,
        cursor: usize,
    ) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for needle in &heading_needles()[k] {
            let mut from = cursor;
            while let Some(i) = norm.find(needle, from) {
                let start = norm.doc_index(i, doc.len());
                if is_heading_start(doc, start) {
                    let end = norm.doc_index(i + needle.len() - 1, doc.len()) + 1;
                    if best.is_none_or(|(s, _)| i < s) {
                        best = Some((i, end));
                    }
                    break;
                }
                from = i + 1;
            }
        }
        best
    }

    #[test]
    fn one_scan_is_each_needle_searched() {
        let texts = [
            "一、总体情况\n甲\n  二、主动公开政府信息情况\n三 收到和处理政府信息公开申请情况\n## 四.政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n无",
            "序。一、总体情况甲二、主动公开政府信息情况乙三、收到和处理政府信息公开申请情况丙四、政府信息公开行政复议、行政诉讼情况丁五、存在的主要问题及改进情况戊六、其他需要报告的事项无",
            "包括总体情况、主动公开政府信息情况。\n（二）主动公开政府信息情况\n二、行政机关主动公开政府信息情况\n二、主动公开情况",
            "一一、总体情况 第一、总体情况 十一、总体情况\n一、總體情況\n二、主动公开\n三、依申请公开情况",
            "",
        ];
        for t in texts {
            let doc = Doc::new(t);
            let norm = Norm::new(&doc, 0, doc.len());
            for k in 0..6 {
                for from in 0..=norm.chars.len() + 1 {
                    assert_eq!(
                        first_heading(&doc, &norm, k, from),
                        first_heading_plain(&doc, &norm, k, from),
                        "{t} {k} {from}"
                    );
                }
            }
        }
    }

    /// [`narratives`] as it was written first: each narrative's text built as a string (the
    /// table cut out) and then cleaned line by line.
    fn narratives_plain(
        doc: &Doc,
        headings: &[Option<Heading>; 6],
        signature_at: Option<usize>,
        table: impl Fn(usize) -> Option<(usize, usize)>,
    ) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for (k, h) in headings.iter().enumerate() {
            let Some(h) = h else { continue };
            let mut end = end_of(headings, k, doc.len());
            if let Some(at) = signature_at.filter(|at| *at >= h.body) {
                end = end.min(at);
            }
            let text = match table(k) {
                Some((s, e)) => {
                    let before = doc.slice(h.body, s.max(h.body).min(end));
                    let after = doc.slice(e.max(h.body), end);
                    if after.trim().is_empty() {
                        before
                    } else {
                        format!("{}\n{}", before.trim_end(), after.trim_start())
                    }
                }
                None => doc.slice(h.body, end),
            };
            out.insert((k + 1).to_string(), clean(&text));
        }
        out
    }

    /// The narratives read from the doc's lines are the plain ones: on texts with page numbers,
    /// CRs, blank lines and white space around the tables, and on the corpus texts, with tables
    /// and signatures at many places.
    #[test]
    fn narratives_are_the_plain_ones() {
        let mut texts: Vec<String> = [
            "一、总体情况\n甲\n- 1 -\n\n乙 \n二、主动公开政府信息情况\n  表\n1 2 3\n— ２ —\n\n 丙\n三、收到和处理政府信息公开申请情况\n\n第 3 页\n丁\r\n四、政府信息公开行政复议、行政诉讼情况\n戊\r\n- 4 -\r\n五、存在的主要问题及改进情况\n\u{3000}己\u{3000}\n\n六、其他需要报告的事项\n庚\n- 5 -\n",
            "一、总体情况 甲 二、主动公开政府信息情况 乙\n\n\n- 2 -\n\n\n丙 三、收到和处理政府信息公开申请情况 丁 四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 六、其他需要报告的事项\r",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");
        for sub in ["public", "partial"] {
            let Ok(entries) = std::fs::read_dir(format!("{dir}/{sub}")) else {
                continue;
            };
            for path in entries.flatten().map(|e| e.path()) {
                if let Ok(t) = std::fs::read_to_string(&path) {
                    texts.push(t);
                }
            }
        }
        assert!(texts.len() > 10, "{}", texts.len());
        for t in &texts {
            let doc = Doc::new(t);
            let heads = find(&doc);
            let n = doc.len();
            let signatures = [None, Some(n / 2), Some(n.saturating_sub(40)), Some(n + 5)];
            let cuts: [(usize, usize); 6] =
                [(0, 0), (3, 40), (10, 11), (1, 200), (30, 5), (0, 9999)];
            for signature in signatures {
                let plain = narratives_plain(&doc, &heads, signature, |_| None);
                assert_eq!(narratives(&doc, &heads, signature, |_| None), plain);
                for (a, b) in cuts {
                    let table = |k: usize| heads[k].map(|h: Heading| (h.body + a, h.body + b));
                    let plain = narratives_plain(&doc, &heads, signature, table);
                    assert_eq!(narratives(&doc, &heads, signature, table), plain, "{a} {b}");
                }
            }
            // Single ranges of every size at many places.
            for start in (0..n).step_by(37) {
                for len in [0, 1, 5, 60, 300, n] {
                    let range = clamp(&doc, start, start + len);
                    let plain = clean(doc.slice_str(range.0, range.1));
                    assert_eq!(clean_lines(&doc, &[range]), plain, "{start} {len}");
                }
            }
        }
    }

    #[test]
    fn clean_drops_page_numbers_and_blank_edges() {
        let plain = |text: &str| {
            let lines: Vec<&str> = text.lines().filter(|l| !is_page_number(l.trim())).collect();
            lines.join("\n").trim().to_string()
        };
        for t in [
            "",
            "\n\n  甲\n- 2 -\n乙 \n\n",
            "甲\r\n乙\n\n丙",
            "第 3 页\n",
            "甲\n— ３ —\n第12页\n-\n第页\n 7 \n- 12345 -\n乙",
            "  \u{3000}甲\u{3000}  ",
        ] {
            assert_eq!(clean(t), plain(t), "{t:?}");
        }
    }

    #[test]
    fn headings_on_lines_and_on_one_line() {
        let t = "一、总体情况\n甲\n  二、主动公开政府信息情况\n三 收到和处理政府信息公开申请情况\n## 四.政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n无";
        assert!(starts(t).iter().all(Option::is_some));
        let one = "序。一、总体情况甲二、主动公开政府信息情况乙三、收到和处理政府信息公开申请情况丙四、政府信息公开行政复议、行政诉讼情况丁五、存在的主要问题及改进情况戊六、其他需要报告的事项无";
        assert!(starts(one).iter().all(Option::is_some));
    }

    #[test]
    fn other_wordings_by_keyword() {
        let t = "一、总体情况\n甲\n二、主动公开情况\n乙\n三、依申请公开办理情况\n丙\n四、行政复议和行政诉讼情况\n丁\n五、工作中存在的问题和改进措施\n戊\n六、其他需要报告的事项\n";
        let s = starts(t);
        assert!(s.iter().all(Option::is_some), "{s:?}");
        let doc = Doc::new(t);
        let h = find(&doc);
        let body = h[3].map(|h| doc.slice(h.start, h.body));
        assert_eq!(body.as_deref(), Some("四、行政复议和行政诉讼情况"));
    }

    #[test]
    fn numeral_required_and_sub_headings_rejected() {
        let t = "包括总体情况、主动公开政府信息情况。\n（二）主动公开政府信息情况\n二、行政机关主动公开政府信息情况";
        let s = starts(t);
        assert_eq!(s[0], None);
        assert_eq!(
            s[1],
            Some(t.chars().position(|c| c == '行').unwrap_or(0) - 2)
        );
    }
}
