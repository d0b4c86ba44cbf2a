//! Hand-written scanning of the narrative text: sentences, and numbers followed by a counting
//! unit (`25件`, `二十五件`, `3119 件`). No regex engine: the patterns are few and this keeps
//! the WASM build small.

use std::borrow::Cow;
use std::cell::OnceCell;

use crate::model::Report;
use crate::text::{fold_width, parse_chinese_number};

/// One sentence of the narrative, split once per check and shared by every text rule.
pub(crate) struct Sentence<'a> {
    /// The section key (`"1"`…`"6"`).
    pub section: &'a str,
    pub text: &'a str,
    /// The text with line breaks removed, for fast keyword tests (borrowed when it has none).
    pub flat: Cow<'a, str>,
    /// The same as chars, for positions: made on first use (see [`Sentence::chars`]), since
    /// most sentences hold none of the keywords the rules read numbers after.
    chars: OnceCell<Vec<char>>,
    /// One bit per character class: a keyword whose bits are not all here is not here.
    bloom: u128,
}

/// The bloom bit of a character.
fn bit(c: char) -> u128 {
    // A variable 128-bit shift is a library call on most targets; two 64-bit halves are not.
    let k = u32::from(c).wrapping_mul(0x9E37_79B1) >> 25;
    if k < 64 {
        u128::from(1u64 << k)
    } else {
        u128::from(1u64 << (k - 64)) << 64
    }
}

/// The bloom bits of a keyword (see [`Sentence::has_bloom`]).
pub(crate) fn bloom(kw: &str) -> u128 {
    kw.chars().fold(0, |m, c| m | bit(c))
}

impl Sentence<'_> {
    /// [`Sentence::flat`] as chars.
    pub(crate) fn chars(&self) -> &[char] {
        self.chars.get_or_init(|| self.flat.chars().collect())
    }

    /// Whether the sentence contains `kw` (across wrapped lines).
    pub(crate) fn has(&self, kw: &str) -> bool {
        self.has_bloom(kw, bloom(kw))
    }

    /// [`Sentence::has`] with the keyword's [`bloom`] computed once by the caller.
    pub(crate) fn has_bloom(&self, kw: &str, m: u128) -> bool {
        self.bloom & m == m && self.flat.contains(kw)
    }
}

/// Every sentence of every section, in section order.
pub(crate) fn split(report: &Report) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    for (k, text) in &report.sections {
        for s in sentences(text) {
            // PDF text wraps lines inside sentences: read across the breaks.
            let is_break = |b: &u8| matches!(b, b'\n' | b'\r');
            let flat = if s.as_bytes().iter().any(is_break) {
                // Line breaks are ASCII bytes, never inside a multi-byte char.
                Cow::Owned(s.split(['\n', '\r']).collect())
            } else {
                Cow::Borrowed(s)
            };
            let bloom = flat.chars().fold(0, |m, c| m | bit(c));
            out.push(Sentence {
                section: k.as_str(),
                text: s,
                flat,
                chars: OnceCell::new(),
                bloom,
            });
        }
    }
    out
}

/// Char index of the first occurrence of `kw` at or after `from`.
pub(crate) fn find_from(chars: &[char], kw: &str, from: usize) -> Option<usize> {
    let mut k = kw.chars();
    let first = k.next()?;
    let rest = k.as_str();
    (from..chars.len()).find(|&i| {
        chars.get(i) == Some(&first)
            && rest
                .chars()
                .enumerate()
                .all(|(n, c)| chars.get(i + 1 + n) == Some(&c))
    })
}

/// A number found in the text, with the sentence it stands in.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Hit<'a> {
    pub value: i64,
    pub sentence: &'a str,
}

/// Splits text into sentences at 。；！？ and blank lines (the delimiter is dropped). Single
/// line breaks are kept: PDF text wraps lines in the middle of sentences.
pub(crate) fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || loop {
        if rest.is_empty() {
            return None;
        }
        // One pass over the bytes: the delimiters are a few fixed UTF-8 sequences.
        let b = rest.as_bytes();
        let mut end = b.len();
        let mut skip = 0;
        // Blocks without any delimiter's first byte are skipped in one test (it vectorises);
        // a block with one is read byte by byte.
        let mut block = 0;
        'scan: while block < b.len() {
            let stop = (block + 16).min(b.len());
            let bytes = &b[block..stop];
            if !bytes.iter().fold(false, |any, &x| {
                any | matches!(x, b';' | b'\n' | 0xE3 | 0xEF)
            }) {
                block = stop;
                continue;
            }
            for i in block..stop {
                let d = match b[i] {
                    b';' => 1,
                    b'\n' if b.get(i + 1) == Some(&b'\n') => 2,
                    0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x82) => 3, // 。
                    0xEF if b.get(i + 1) == Some(&0xBC)
                        && matches!(b.get(i + 2), Some(0x9B | 0x81 | 0x9F)) =>
                    {
                        3 // ；！？
                    }
                    _ => 0,
                };
                if d > 0 {
                    end = i;
                    skip = d;
                    break 'scan;
                }
            }
            block = stop;
        }
        let piece = rest[..end].trim();
        rest = &rest[end + skip..];
        if !piece.is_empty() {
            return Some(piece);
        }
    })
}

fn is_cn_digit(c: char) -> bool {
    "零〇一二两三四五六七八九十百千万".contains(c)
}

/// Reads a number starting at char index `i` of `chars`: ASCII/full-width digits (with `,`
/// grouping) or a Chinese numeral. Returns (value, index after it).
fn read_number(chars: &[char], i: usize) -> Option<(i64, usize)> {
    let first = fold_width(*chars.get(i)?);
    let mut j = i;
    let mut s = String::new();
    if first.is_ascii_digit() {
        while let Some(&c) = chars.get(j) {
            let c = fold_width(c);
            if c.is_ascii_digit() {
                s.push(c);
            } else if c != ','
                || !chars
                    .get(j + 1)
                    .is_some_and(|d| fold_width(*d).is_ascii_digit())
            {
                break;
            }
            j += 1;
        }
        if s.len() > 15 {
            return None;
        }
        return s.parse().ok().map(|v| (v, j));
    }
    if is_cn_digit(first) {
        while let Some(&c) = chars.get(j) {
            if !is_cn_digit(c) {
                break;
            }
            s.push(c);
            j += 1;
        }
        return parse_chinese_number(&s).map(|v| (v, j));
    }
    None
}

/// The first number followed by one of `units` within `window` characters after char index
/// `from`, not crossing a comma or a bracket. Returns (value, index after the unit).
pub(crate) fn number_after(
    chars: &[char],
    from: usize,
    window: usize,
    units: &str,
) -> Option<(i64, usize)> {
    let mut i = from;
    while i < chars.len() && i < from + window {
        let c = chars.get(i).copied()?;
        if matches!(c, '，' | ',' | '（' | '(' | '、' | '：' | ':') && i > from {
            return None;
        }
        if let Some((v, mut j)) = read_number(chars, i) {
            while chars.get(j).is_some_and(|c| *c == ' ' || *c == '\u{3000}') {
                j += 1;
            }
            if chars.get(j).is_some_and(|u| units.contains(*u)) {
                return Some((v, j + 1));
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    None
}

/// A number with a unit ending right before char index `at` (`1件结转下年度`).
pub(crate) fn number_before(chars: &[char], at: usize, units: &str) -> Option<i64> {
    let mut j = at;
    while j > 0
        && chars
            .get(j - 1)
            .is_some_and(|c| *c == ' ' || *c == '\u{3000}')
    {
        j -= 1;
    }
    if j == 0 || !chars.get(j - 1).is_some_and(|u| units.contains(*u)) {
        return None;
    }
    let end = j - 1;
    let mut start = end;
    while start > 0
        && chars
            .get(start - 1)
            .is_some_and(|c| fold_width(*c).is_ascii_digit())
    {
        start -= 1;
    }
    if start == end {
        return None;
    }
    read_number(chars, start)
        .filter(|(_, e)| *e == end)
        .map(|(v, _)| v)
}

/// Char index of every occurrence of `kw` in `chars`.
pub(crate) fn find_all(chars: &[char], kw: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = find_from(chars, kw, from) {
        out.push(i);
        from = i + 1;
    }
    out
}

/// For every sentence (of section `only`, if given): each keyword occurrence followed by a
/// number with a unit within `window` characters, or directly preceded by one (`1件结转…`).
/// A sentence that contains one of `exclude` is skipped.
pub(crate) fn numbers_after<'a>(
    sents: &[Sentence<'a>],
    only: Option<&str>,
    keywords: &[&str],
    exclude: &[&str],
    window: usize,
    units: &str,
) -> Vec<Hit<'a>> {
    let mut out = Vec::new();
    let kw_blooms: Vec<u128> = keywords.iter().map(|k| bloom(k)).collect();
    let ex_blooms: Vec<u128> = exclude.iter().map(|k| bloom(k)).collect();
    for s in sents {
        if only.is_some_and(|o| o != s.section) {
            continue;
        }
        if !keywords
            .iter()
            .zip(&kw_blooms)
            .any(|(k, m)| s.has_bloom(k, *m))
            || exclude
                .iter()
                .zip(&ex_blooms)
                .any(|(x, m)| s.has_bloom(x, *m))
        {
            continue;
        }
        let chars = s.chars();
        // A keyword the sentence lacks has no occurrence to scan for.
        for (kw, _) in keywords
            .iter()
            .zip(&kw_blooms)
            .filter(|(k, m)| s.has_bloom(k, **m))
        {
            let n = kw.chars().count();
            for at in find_all(chars, kw) {
                if let Some((value, _)) = number_after(chars, at + n, window, units) {
                    out.push(Hit {
                        value,
                        sentence: s.text,
                    });
                } else if let Some(value) = number_before(chars, at, units) {
                    out.push(Hit {
                        value,
                        sentence: s.text,
                    });
                }
            }
        }
    }
    out
}

/// A total with its listed parts: `解读信息18条（其中：解读材料7条、解读产业5条、媒体评论文章5条）`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Breakdown<'a> {
    pub total: i64,
    pub parts: Vec<i64>,
    pub sentence: &'a str,
}

/// Finds totals followed by `（其中：…）` or `，其中…` listing at least two parts in the same
/// unit. Lists marked partial or overlapping (含, 等, 包括, 以上, 分别) are skipped.
pub(crate) fn breakdowns<'a>(sents: &[Sentence<'a>]) -> Vec<Breakdown<'a>> {
    let mut out = Vec::new();
    for sent in sents {
        if !sent.has("其中") {
            continue;
        }
        let s = sent.text;
        let chars = sent.chars();
        for at in find_all(chars, "其中") {
            // The total: number + unit right before "（其中" / "，其中" / "(其中".
            let mut k = at;
            if k == 0 {
                continue;
            }
            k -= 1;
            if !matches!(chars.get(k), Some('（' | '(' | '，' | ',')) || k == 0 {
                continue;
            }
            let unit = match chars.get(k - 1) {
                Some(u) if "件条篇次个项期场".contains(*u) => *u,
                _ => continue,
            };
            let mut b = k - 1;
            while b > 0
                && chars
                    .get(b - 1)
                    .is_some_and(|c| fold_width(*c).is_ascii_digit())
            {
                b -= 1;
            }
            let Some((total, _)) = read_number(chars, b).filter(|_| b < k - 1) else {
                continue;
            };
            let opened = matches!(chars.get(k), Some('（' | '('));
            let mut end = at + 2;
            while let Some(&c) = chars.get(end) {
                if (opened && matches!(c, '）' | ')')) || (!opened && c == '。') {
                    break;
                }
                end += 1;
            }
            let body: String = chars.get(at + 2..end).unwrap_or(&[]).iter().collect();
            if ["含", "等", "包括", "以上", "分别", "其中", "约", "余"]
                .iter()
                .any(|m| body.contains(m))
            {
                continue;
            }
            let bc: Vec<char> = body.chars().collect();
            let units: String = unit.to_string();
            let mut parts = Vec::new();
            let mut i = 0;
            while i < bc.len() {
                match read_number(&bc, i) {
                    Some((v, j)) if bc.get(j).is_some_and(|u| units.contains(*u)) => {
                        parts.push(v);
                        i = j + 1;
                    }
                    Some((_, j)) => i = j.max(i + 1),
                    None => i += 1,
                }
            }
            let sum: i64 = parts.iter().sum();
            // `，其中…` often lists only some parts: flag it only when the parts exceed the total.
            if parts.len() >= 2 && (opened || sum > total) {
                out.push(Breakdown {
                    total,
                    parts,
                    sentence: s,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Report {
        let mut r = Report::default();
        r.sections.insert("1".into(), text.into());
        r
    }

    fn first(text: &str, kw: &str) -> Option<i64> {
        let r = sents(text);
        let s = split(&r);
        let hits = numbers_after(&s, None, &[kw], &[], 20, "件");
        hits.first().map(|h| h.value)
    }

    #[test]
    fn finds_numbers_after_keywords() {
        assert_eq!(
            first("本年度共收到政府信息公开申请25件。", "收到"),
            Some(25)
        );
        assert_eq!(first("共收到申请二十五件", "收到"), Some(25));
        assert_eq!(first("结转至2026年6件", "结转至"), Some(6));
        assert_eq!(first("另有1件结转下年度办理", "结转下年"), Some(1));
        assert_eq!(first("收到意见，共5件", "收到"), None);
        assert_eq!(
            first("区政府办受理政府\n信息公开申请 17 件，均已答复", "受理"),
            Some(17)
        );
    }

    #[test]
    fn finds_breakdowns() {
        let of = |text: &str| -> Vec<(i64, i64)> {
            let r = sents(text);
            let s = split(&r);
            breakdowns(&s)
                .iter()
                .map(|b| (b.total, b.parts.iter().sum()))
                .collect()
        };
        assert_eq!(
            of("发布解读信息18条（其中：解读材料7条、解读产业5条、媒体评论文章5条），"),
            vec![(18, 17)]
        );
        assert!(of("发布信息18条（其中含图解7条、视频5条）").is_empty());
        assert!(of("主动公开信息156条，其中职能类12条，财政类2条").is_empty());
        assert_eq!(
            of("主动公开信息15条，其中职能类12条，财政类5条"),
            vec![(15, 17)]
        );
    }

    #[test]
    fn sentence_split() {
        let got: Vec<&str> =
            sentences("一是公开。二是答复；三 ; 四！五？\n\n\n六\n七。。 ").collect();
        assert_eq!(got, ["一是公开", "二是答复", "三", "四", "五", "六\n七"]);
        assert_eq!(sentences("").count(), 0);
        assert_eq!(sentences("。；\n\n").count(), 0);
    }

    #[test]
    fn bloom_bit_is_bit_k() {
        for c in ['\0', 'a', '件', '申', '\u{FFFF}', '\u{10FFFF}', '。'] {
            let k = u32::from(c).wrapping_mul(0x9E37_79B1) >> 25;
            assert_eq!(bit(c), 1u128 << k, "{c:?}");
        }
        for u in (0..0x11_0000u32).step_by(97) {
            if let Some(c) = char::from_u32(u) {
                let k = u.wrapping_mul(0x9E37_79B1) >> 25;
                assert_eq!(bit(c), 1u128 << k);
            }
        }
    }

    #[test]
    fn keyword_search() {
        let c: Vec<char> = "上年结转上年结转".chars().collect();
        assert_eq!(find_all(&c, "结转"), vec![2, 6]);
        assert_eq!(find_from(&c, "上年", 1), Some(4));
        assert_eq!(find_from(&c, "下年", 0), None);
    }
}
