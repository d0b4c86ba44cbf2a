//! Matching the text before a group of values against the template's row labels. Real labels
//! are wrapped, prefixed by group labels (`（三）不予公开1.属于国家秘密`), preceded by header
//! words, cut in pieces by PDF extraction, and mistyped (`属于国际秘密`, `其他法律行政止公开`).

use super::doc::norm_chars;
use crate::template::RowDef;

/// A match as good as an exact label.
pub const STRONG: i32 = 10;
/// A label that differs by a few characters.
pub const FUZZY: i32 = 6;
/// A piece of a label (a wrapped line).
pub const FRAGMENT: i32 = 2;

/// The normalised forms a row may be written as.
pub fn candidates(row: &RowDef) -> Vec<Vec<char>> {
    let mut out = vec![norm_chars(row.label)];
    out.extend(row.aliases.iter().map(|a| norm_chars(a)));
    if let Some(g) = row.group {
        let mut c = norm_chars(g);
        c.extend(norm_chars(row.label));
        out.push(c);
    }
    out.retain(|c| c.len() >= 2);
    out
}

/// How well `label` (the normalised text before a group) names a row with these candidates.
/// Containment scores by where the candidate ends (the label nearest the values wins).
pub fn score(label: &[char], cands: &[Vec<char>]) -> i32 {
    if label.is_empty() {
        return 0;
    }
    let mut best = 0;
    for c in cands {
        if let Some(end) = rfind(label, c) {
            let near_end = if end == label.len() { 3 } else { 0 };
            let long = (c.len() / 4).min(3) as i32;
            best = best.max(STRONG + near_end + long);
        }
    }
    if best > 0 {
        return best;
    }
    for c in cands {
        if c.len() >= 6 {
            let d = semi_global_distance(c, label);
            if d * 4 <= c.len() {
                best = best.max(FUZZY);
            }
        }
    }
    if best > 0 {
        return best;
    }
    if label.len() >= 3 && cands.iter().any(|c| find(c, label).is_some()) {
        return FRAGMENT;
    }
    0
}

/// End index (exclusive) of the last occurrence of `needle` in `hay`.
pub fn rfind(hay: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay[i..].starts_with(needle))
        .map(|i| i + needle.len())
}

pub fn find(hay: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| hay[i..].starts_with(needle))
}

/// Edit distance between `pat` and the best-matching substring of `text` (free start and end
/// in `text`). `text` is cut to its last 60 chars, so the cost is bounded.
pub fn semi_global_distance(pat: &[char], text: &[char]) -> usize {
    let text = &text[text.len().saturating_sub(60)..];
    let mut prev: Vec<usize> = vec![0; text.len() + 1];
    let mut cur = vec![0; text.len() + 1];
    for (i, p) in pat.iter().enumerate() {
        cur[0] = i + 1;
        for (j, t) in text.iter().enumerate() {
            let sub = prev[j] + usize::from(p != t);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.iter().copied().min().unwrap_or(pat.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(label: &str, cand: &str) -> i32 {
        score(
            &label.chars().collect::<Vec<_>>(),
            &[cand.chars().collect()],
        )
    }

    #[test]
    fn scores() {
        assert!(
            s(
                "申请人情况一本年新收政府信息公开申请数量",
                "一本年新收政府信息公开申请数量"
            ) >= STRONG + 3
        );
        assert_eq!(
            s("三2其他法律行政止公开", "2其他法律行政法规禁止公开"),
            FUZZY
        );
        assert_eq!(
            s("计其他情形", "二部分公开区分处理的只计这一情形不计其他情形"),
            FRAGMENT
        );
        assert_eq!(s("本", "1属于国家秘密"), 0);
    }
}
