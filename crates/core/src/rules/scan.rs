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
    bloom: Bloom,
}

/// A bloom filter of chars: 256 bits, one set per char (see [`slot`]).
pub(crate) type Bloom = [u64; 4];

/// The bloom slot (0…255) of one character, given as its UTF-8 bytes read little-endian into
/// a `u32` (`'件'` = `0xB6_BB_E4`).
const fn slot(w: u32) -> u32 {
    w.wrapping_mul(0x9E37_79B1) >> 24
}

/// Sets the bit of a char (see [`slot`]).
const fn add(m: &mut Bloom, w: u32) {
    let k = slot(w);
    m[(k >> 6) as usize] |= 1 << (k & 63);
}

/// Whether every bit of `kw` is in `m`.
fn holds(m: &Bloom, kw: &Bloom) -> bool {
    // The bits of `kw` missing from `m`, all four words at once (no branch).
    let [a, b, c, d] = *m;
    let [w, x, y, z] = *kw;
    (w & !a) | (x & !b) | (y & !c) | (z & !d) == 0
}

/// What a lead byte tells: the char's length (bits 0–2), and bit 3 when the char may be a
/// delimiter or a line break (lead `\n`, `\r`, `;`, 0xE3 for 。 or 0xEF for ；！？).
const LEAD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        // 0xxxxxxx 1, 110xxxxx 2, 1110xxxx 3, 11110xxx 4 (a continuation byte never leads).
        t[b] = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xFF => 4,
            _ => 1,
        };
        if matches!(b, 0x0A | 0x0D | 0x3B | 0xE3 | 0xEF) {
            t[b] |= 8;
        }
        b += 1;
    }
    t
};

/// What a lead byte tells, second part: the mask that keeps the char's bytes of four bytes read
/// little-endian (`0xFF_FF_FF` for a three-byte char).
const MASK: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = u32::MAX >> ((4 - (LEAD[b] & 7) as u32) * 8);
        b += 1;
    }
    t
};

/// [`LEAD`] and [`MASK`] in one load, for the common path of [`split`]: the mask in bits
/// 0–31, bit 32 set when the char may be a delimiter or a line break, the length in bits 56–63.
const CLASS: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = MASK[b] as u64 | ((LEAD[b] as u64 >> 3) & 1) << 32 | ((LEAD[b] & 7) as u64) << 56;
        b += 1;
    }
    t
};

/// How many bytes the sentence delimiter at the char `w` (its UTF-8 bytes, little-endian, as
/// [`char_at`] reads them) takes, `next` being the text's next byte (0 at its end); 0 when the
/// char starts no delimiter. Both of `split`'s loops ask it.
#[inline(always)]
fn delimiter_len(w: u32, next: u8) -> usize {
    match w {
        0x3B => 1,                                              // ;
        0x0A if next == b'\n' => 2,                             // a blank line
        0x82_80_E3 | 0x9B_BC_EF | 0x81_BC_EF | 0x9F_BC_EF => 3, // 。；！？
        _ => 0,
    }
}

/// The char starting at byte `i` of UTF-8 text: its bytes read little-endian into a `u32`
/// (`'件'` = `0xB6_BB_E4`, `'\n'` = `0x0A`), its length, and whether it may be a delimiter or
/// a line break (see [`LEAD`]). Reads the bytes without decoding them to a `char`; `i` must be
/// at a char boundary. (Little-endian: one load and a mask, no byte swap or shift.)
#[inline(always)]
fn char_at(b: &[u8], i: usize) -> Option<(u32, usize, bool)> {
    let rest = b.get(i..)?;
    let class = LEAD[usize::from(*rest.first()?)];
    let n = usize::from(class & 7);
    let w = match rest.first_chunk::<4>() {
        // One load, then the bytes past the char masked off.
        Some(quad) => u32::from_le_bytes(*quad) & MASK[usize::from(quad[0])],
        None => rest
            .get(..n)?
            .iter()
            .rev()
            .fold(0, |w, &x| w << 8 | u32::from(x)),
    };
    Some((w, n, class & 8 != 0))
}

/// The bloom of a keyword: the bit of each char, as [`split`] makes them for a sentence. A
/// `const fn`, so that [`kw!`] makes them at compile time.
pub(crate) const fn bloom(kw: &str) -> Bloom {
    let b = kw.as_bytes();
    let mut m = [0; 4];
    let mut i = 0;
    while i < b.len() {
        // The char at `i` as in `char_at`: its bytes read little-endian.
        let n = (LEAD[b[i] as usize] & 7) as usize;
        let mut w = 0u32;
        let mut k = 0;
        while k < n && i + k < b.len() {
            w |= (b[i + k] as u32) << (8 * k);
            k += 1;
        }
        add(&mut m, w);
        i += n;
    }
    m
}

/// A keyword with its [`bloom`] bits.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Kw {
    pub text: &'static str,
    pub bloom: Bloom,
}

impl Kw {
    pub(crate) const fn new(text: &'static str) -> Kw {
        Kw {
            text,
            bloom: bloom(text),
        }
    }
}

/// Keywords with their blooms (see [`kws!`]).
pub(crate) const fn kw_array<const N: usize>(texts: [&'static str; N]) -> [Kw; N] {
    let mut out = [Kw {
        text: "",
        bloom: [0; 4],
    }; N];
    let mut i = 0;
    while i < N {
        out[i] = Kw::new(texts[i]);
        i += 1;
    }
    out
}

/// A keyword with its bloom made at compile time: `kw!("其中")`.
macro_rules! kw {
    ($text:literal) => {
        const { $crate::rules::scan::Kw::new($text) }
    };
}
pub(crate) use kw;

/// Keywords with their blooms made at compile time: `kws!["收到", "受理"]` (an array).
macro_rules! kws {
    ($($text:literal),* $(,)?) => {
        const { $crate::rules::scan::kw_array([$($text),*]) }
    };
}
pub(crate) use kws;

/// The bloom of one character (as [`bloom`] of a one-char string).
#[cfg(test)]
fn char_bit(c: char) -> Bloom {
    let mut m = [0; 4];
    let mut buf = [0; 4];
    add(
        &mut m,
        c.encode_utf8(&mut buf)
            .bytes()
            .rev()
            .fold(0, |w, x| w << 8 | u32::from(x)),
    );
    m
}

impl Sentence<'_> {
    /// [`Sentence::flat`] as chars.
    pub(crate) fn chars(&self) -> &[char] {
        self.chars.get_or_init(|| {
            // One allocation, sized by the count of chars (`str::chars().count()` counts them a
            // word at a time).
            let n = self.flat.chars().count();
            let mut v = Vec::with_capacity(n);
            v.extend(self.flat.chars());
            v
        })
    }

    /// Whether the sentence may contain `kw`: false means it does not (a bloom test alone).
    pub(crate) fn may_have(&self, kw: Kw) -> bool {
        holds(&self.bloom, &kw.bloom)
    }

    /// Whether the sentence contains `kw` (across wrapped lines).
    pub(crate) fn has(&self, kw: Kw) -> bool {
        self.has_text(kw.text, kw.bloom)
    }

    /// [`Sentence::has`] of any text, with its [`bloom`].
    fn has_text(&self, text: &str, bloom: Bloom) -> bool {
        holds(&self.bloom, &bloom) && self.flat.contains(text)
    }
}

/// Whether a char with this lead byte can be white space: ASCII white space, or a lead byte of
/// U+0085, U+00A0, U+1680, U+2000…U+205F or U+3000 (0xC2, 0xE1, 0xE2, 0xE3). Others (the CJK
/// ideographs, the full-width punctuation) never are.
fn may_be_space(b: u8) -> bool {
    matches!(
        b,
        b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3
    )
}

/// [`str::trim_start`], without decoding when the first char cannot be white space.
fn trim_start(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(&b) if may_be_space(b) => s.trim_start(),
        _ => s,
    }
}

/// [`str::trim_end`], without decoding when the last char cannot be white space.
fn trim_end(s: &str) -> &str {
    // The lead byte of the last char: the last byte that is no continuation byte.
    match s.as_bytes().iter().rev().find(|&&b| b & 0xC0 != 0x80) {
        Some(&b) if may_be_space(b) => s.trim_end(),
        _ => s,
    }
}

/// Every sentence of every section, in section order: the text is split at 。；！？; and
/// blank lines (the delimiter is dropped), and each piece trimmed; empty pieces are skipped.
/// Single line breaks are kept: PDF text wraps lines in the middle of sentences.
///
/// One pass over each section's chars finds the delimiters and line breaks and makes each
/// sentence's bloom. The chars are read from their UTF-8 bytes without decoding them (see
/// [`char_at`]).
pub(crate) fn split(report: &Report) -> Vec<Sentence<'_>> {
    // About one sentence per 60 bytes of Chinese text; a guess saves most regrowing.
    let bytes: usize = report.sections.values().map(String::len).sum();
    let mut out = Vec::with_capacity(bytes / 60 + 4);
    // Byte positions of the line breaks in the current piece.
    let mut breaks: Vec<usize> = Vec::new();
    for (k, text) in &report.sections {
        let b = text.as_bytes();
        let mut push = |start: usize, end: usize, m: Bloom, breaks: &[usize]| {
            let piece = text.get(start..end).unwrap_or("");
            let s = trim_start(piece);
            let from = start + piece.len() - s.len();
            let s = trim_end(s);
            if s.is_empty() {
                return;
            }
            // PDF text wraps lines inside sentences: read across the breaks. (Line breaks are
            // ASCII bytes, never inside a multi-byte char.)
            let to = from + s.len();
            let inner = breaks.iter().filter(|&&p| from <= p && p < to);
            let flat = if inner.clone().next().is_some() {
                let mut f = String::with_capacity(s.len());
                let mut at = from;
                for &p in inner {
                    f.push_str(text.get(at..p).unwrap_or(""));
                    at = p + 1;
                }
                f.push_str(text.get(at..to).unwrap_or(""));
                Cow::Owned(f)
            } else {
                Cow::Borrowed(s)
            };
            out.push(Sentence {
                section: k.as_str(),
                text: s,
                flat,
                chars: OnceCell::new(),
                // The chars of the untrimmed piece: the bits of the spaces and line breaks
                // are harmless, a bloom may hold more.
                bloom: m,
            });
        };
        // Where the current piece starts, and its bloom so far.
        let mut start = 0;
        let mut m = [0; 4];
        let mut i = 0;
        // While four bytes are left, one load reads the char (the common path, kept short);
        // the last chars go through `char_at`.
        while let Some(&quad) = b.get(i..).and_then(<[u8]>::first_chunk::<4>) {
            let class = CLASS[usize::from(quad[0])];
            let n = (class >> 56) as usize;
            let w = u32::from_le_bytes(quad) & class as u32;
            if class & 1 << 32 != 0 {
                let delimiter = delimiter_len(w, quad[1]);
                if delimiter > 0 {
                    push(start, i, m, &breaks);
                    breaks.clear();
                    i += delimiter;
                    start = i;
                    m = [0; 4];
                    continue;
                }
                if matches!(w, 0x0A | 0x0D) {
                    breaks.push(i);
                }
            }
            add(&mut m, w);
            i += n;
        }
        while let Some((w, n, special)) = char_at(b, i) {
            // Only a few lead bytes can start a delimiter or a line break.
            if special {
                let delimiter = delimiter_len(w, b.get(i + 1).copied().unwrap_or(0));
                if delimiter > 0 {
                    push(start, i, m, &breaks);
                    breaks.clear();
                    i += delimiter;
                    start = i;
                    m = [0; 4];
                    continue;
                }
                if matches!(w, 0x0A | 0x0D) {
                    breaks.push(i);
                }
            }
            add(&mut m, w);
            i += n;
        }
        push(start, b.len(), m, &breaks);
        breaks.clear();
    }
    out
}

/// Index of the first `c` in `chars`: eight chars compared at a time without a branch (the
/// compiler compares them in vector registers), then the block that holds it searched.
fn position_of(chars: &[char], c: char) -> Option<usize> {
    let mut blocks = chars.chunks_exact(8);
    let mut base = 0;
    for block in &mut blocks {
        if block.iter().fold(false, |found, &x| found | (x == c)) {
            return block.iter().position(|&x| x == c).map(|p| base + p);
        }
        base += 8;
    }
    blocks
        .remainder()
        .iter()
        .position(|&x| x == c)
        .map(|p| base + p)
}

/// Char index of the first occurrence of `kw` at or after `from`.
pub(crate) fn find_from(chars: &[char], kw: &str, from: usize) -> Option<usize> {
    let mut k = kw.chars();
    let first = k.next()?;
    let rest = k.as_str();
    let mut i = from;
    // Jump from one occurrence of the first char to the next, then compare the rest.
    while let Some(p) = position_of(chars.get(i..)?, first) {
        i += p;
        if rest
            .chars()
            .enumerate()
            .all(|(n, c)| chars.get(i + 1 + n) == Some(&c))
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// A number found in the text, with the sentence it stands in.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Hit<'a> {
    pub value: i64,
    pub sentence: &'a str,
}

fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
    )
}

/// Whether a number may start with `c`: an ASCII or full-width digit or a Chinese numeral (for
/// any other first char [`read_number`] finds none; this test spares the call).
fn starts_number(c: char) -> bool {
    fold_width(c).is_ascii_digit() || is_cn_digit(c)
}

/// Reads a number starting at char index `i` of `chars`: ASCII/full-width digits (with `,`
/// grouping) or a Chinese numeral. Returns (value, index after it).
fn read_number(chars: &[char], i: usize) -> Option<(i64, usize)> {
    let first = fold_width(*chars.get(i)?);
    let mut j = i;
    if first.is_ascii_digit() {
        // The digits are added up as read; more than 15 of them make no count.
        let (mut value, mut digits) = (0i64, 0usize);
        while let Some(&c) = chars.get(j) {
            let c = fold_width(c);
            if let Some(d) = c.to_digit(10) {
                digits += 1;
                if digits <= 15 {
                    value = value * 10 + i64::from(d);
                }
            } else if c != ','
                || !chars
                    .get(j + 1)
                    .is_some_and(|d| fold_width(*d).is_ascii_digit())
            {
                break;
            }
            j += 1;
        }
        return (digits <= 15).then_some((value, j));
    }
    if is_cn_digit(first) {
        let mut s = String::new();
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

/// The first number followed by `unit` within `window` characters after char index `from`,
/// not crossing a comma or a bracket. Returns (value, index after the unit).
pub(crate) fn number_after(
    chars: &[char],
    from: usize,
    window: usize,
    unit: char,
) -> Option<(i64, usize)> {
    let mut i = from;
    while i < chars.len() && i < from + window {
        let c = chars.get(i).copied()?;
        if matches!(c, '，' | ',' | '（' | '(' | '、' | '：' | ':') && i > from {
            return None;
        }
        if !starts_number(c) {
            i += 1;
            continue;
        }
        if let Some((v, mut j)) = read_number(chars, i) {
            while chars.get(j).is_some_and(|c| *c == ' ' || *c == '\u{3000}') {
                j += 1;
            }
            if chars.get(j) == Some(&unit) {
                return Some((v, j + 1));
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    None
}

/// A number with `unit` ending right before char index `at` (`1件结转下年度`).
pub(crate) fn number_before(chars: &[char], at: usize, unit: char) -> Option<i64> {
    let mut j = at;
    while j > 0
        && chars
            .get(j - 1)
            .is_some_and(|c| *c == ' ' || *c == '\u{3000}')
    {
        j -= 1;
    }
    if j == 0 || chars.get(j - 1) != Some(&unit) {
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
/// number with `unit` within `window` characters, or directly preceded by one (`1件结转…`).
/// A sentence that contains one of `exclude` is skipped.
pub(crate) fn numbers_after<'s, 'a: 's>(
    sents: impl IntoIterator<Item = &'s Sentence<'a>>,
    only: Option<&str>,
    keywords: &[Kw],
    exclude: &[Kw],
    window: usize,
    unit: char,
) -> Vec<Hit<'a>> {
    let mut out = Vec::new();
    // A hit needs the unit in the sentence: the unit's bloom bit rules most sentences out.
    let unit_bloom = bloom(unit.encode_utf8(&mut [0; 4]));
    for s in sents {
        if only.is_some_and(|o| o != s.section) || !holds(&s.bloom, &unit_bloom) {
            continue;
        }
        let Some(first) = keywords.iter().position(|k| s.has(*k)) else {
            continue;
        };
        if exclude.iter().any(|x| s.has(*x)) {
            continue;
        }
        let chars = s.chars();
        // A keyword the sentence lacks has no occurrence to scan for.
        for (i, kw) in keywords.iter().enumerate().skip(first) {
            if i > first && !s.has(*kw) {
                continue;
            }
            let n = kw.text.chars().count();
            let mut from = 0;
            while let Some(at) = find_from(chars, kw.text, from) {
                from = at + 1;
                let value = match number_after(chars, at + n, window, unit) {
                    Some((value, _)) => Some(value),
                    None => number_before(chars, at, unit),
                };
                if let Some(value) = value {
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

/// Whether a list holds a word that marks it as partial or overlapping: 含, 等, 包括, 以上, 分别,
/// 其中, 约 or 余 (one pass over the chars; see the test for the plain form).
fn has_partial_mark(body: &[char]) -> bool {
    body.iter().enumerate().any(|(i, c)| {
        let next = body.get(i + 1);
        match c {
            '含' | '等' | '约' | '余' => true,
            '包' => next == Some(&'括'),
            '以' => next == Some(&'上'),
            '分' => next == Some(&'别'),
            '其' => next == Some(&'中'),
            _ => false,
        }
    })
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
        if !sent.has(kw!("其中")) {
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
                Some(&u) if matches!(u, '件' | '条' | '篇' | '次' | '个' | '项' | '期' | '场') => {
                    u
                }
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
            let body = chars.get(at + 2..end).unwrap_or(&[]);
            if has_partial_mark(body) {
                continue;
            }
            let mut parts = Vec::new();
            let mut i = 0;
            while i < body.len() {
                if !body.get(i).is_some_and(|&c| starts_number(c)) {
                    i += 1;
                    continue;
                }
                match read_number(body, i) {
                    Some((v, j)) if body.get(j) == Some(&unit) => {
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

    fn first(text: &str, kw: &'static str) -> Option<i64> {
        let r = sents(text);
        let s = split(&r);
        let hits = numbers_after(&s, None, &[Kw::new(kw)], &[], 20, '件');
        hits.first().map(|h| h.value)
    }

    #[test]
    fn position_of_is_position() {
        let text: Vec<char> = "收到申请件数25件，其中答复件办结件。收到".chars().collect();
        for start in 0..text.len() {
            for end in start..=text.len() {
                let part = &text[start..end];
                for c in ['收', '件', '。', '2', 'x'] {
                    assert_eq!(position_of(part, c), part.iter().position(|&x| x == c));
                }
            }
        }
    }

    #[test]
    fn no_number_starts_where_starts_number_says_so() {
        let chars = (0u32..0x1_0000).filter_map(char::from_u32);
        for c in chars {
            let text = [c, '1', '2', '件'];
            if !starts_number(c) {
                assert_eq!(read_number(&text, 0), None, "{c:?}");
            }
        }
        assert!(starts_number('７') && starts_number('三') && starts_number('0'));
    }

    #[test]
    fn partial_marks_in_one_pass_match_the_plain_search() {
        // The plain form: a char-slice `contains` per word.
        fn plain(body: &[char]) -> bool {
            let marks: [&[char]; 8] = [
                &['含'],
                &['等'],
                &['包', '括'],
                &['以', '上'],
                &['分', '别'],
                &['其', '中'],
                &['约'],
                &['余'],
            ];
            marks.iter().any(|m| body.windows(m.len()).any(|w| w == *m))
        }
        let alphabet = [
            '含', '等', '包', '括', '以', '上', '分', '别', '其', '中', '约', '余', '件', '7',
        ];
        // Every string of up to four chars of the alphabet.
        let mut bodies: Vec<Vec<char>> = vec![vec![]];
        let mut last: Vec<Vec<char>> = vec![vec![]];
        for _ in 0..4 {
            last = last
                .iter()
                .flat_map(|b| alphabet.iter().map(move |c| [b.as_slice(), &[*c]].concat()))
                .collect();
            bodies.extend(last.iter().cloned());
        }
        for b in &bodies {
            assert_eq!(has_partial_mark(b), plain(b), "{b:?}");
        }
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

    /// The plain reading of [`split`]'s rule, char by char: the pieces between delimiters
    /// (。；！？; and a blank line), trimmed, empty ones dropped.
    fn plain_sentences(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let (mut start, mut i) = (0, 0);
        while let Some(c) = text[i..].chars().next() {
            let rest = &text[i..];
            let d = ["。", "；", "！", "？", ";", "\n\n"]
                .iter()
                .find(|d| rest.starts_with(**d));
            if let Some(d) = d {
                out.push(text[start..i].trim());
                i += d.len();
                start = i;
            } else {
                i += c.len_utf8();
            }
        }
        out.push(text[start..].trim());
        out.retain(|s| !s.is_empty());
        out
    }

    fn texts(text: &str) -> Vec<&str> {
        let r = sents(text);
        // The sentences borrow `r`: copy their texts out.
        let got: Vec<String> = split(&r).iter().map(|s| s.text.to_string()).collect();
        plain_sentences(text)
            .into_iter()
            .zip(&got)
            .for_each(|(p, g)| assert_eq!(p, g));
        assert_eq!(plain_sentences(text).len(), got.len(), "{text:?}");
        plain_sentences(text)
    }

    #[test]
    fn sentence_split() {
        assert_eq!(
            texts("一是公开。二是答复；三 ; 四！五？\n\n\n六\n七。。 "),
            ["一是公开", "二是答复", "三", "四", "五", "六\n七"]
        );
        assert!(texts("").is_empty());
        assert!(texts("。；\n\n").is_empty());
        for t in TEXTS {
            texts(t);
        }
        texts("\r\n\r\n甲。\n\n\n\n乙\u{3000}；丙 é；𠀀。丁\n");
    }

    /// `split` against the plain reading on the corpus (when it is there): the raw files and
    /// the sections imported from them.
    #[test]
    fn sentence_split_of_the_corpus() {
        for dir in ["public", "partial", "html"] {
            let path = format!(
                "{}/../../../shared/corpus/{dir}",
                env!("CARGO_MANIFEST_DIR")
            );
            let Ok(entries) = std::fs::read_dir(path) else {
                continue;
            };
            for e in entries.flatten() {
                let Ok(bytes) = std::fs::read(e.path()) else {
                    continue;
                };
                if let Ok(t) = std::str::from_utf8(&bytes) {
                    texts(t);
                }
                for t in crate::import(&bytes, None).report.sections.values() {
                    texts(t);
                }
            }
        }
    }

    /// The plain [`read_number`]: the digits collected in a string, then parsed.
    fn plain_read_number(chars: &[char], i: usize) -> Option<(i64, usize)> {
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
        if "零〇一二两三四五六七八九十百千万".contains(first) {
            while let Some(&c) = chars.get(j) {
                if !"零〇一二两三四五六七八九十百千万".contains(c) {
                    break;
                }
                s.push(c);
                j += 1;
            }
            return parse_chinese_number(&s).map(|v| (v, j));
        }
        None
    }

    /// The plain [`numbers_after`]: every keyword tested on every sentence, units as a string.
    fn plain_numbers_after<'a>(
        sents: &[Sentence<'a>],
        only: Option<&str>,
        keywords: &[&str],
        exclude: &[&str],
        window: usize,
        units: &str,
    ) -> Vec<Hit<'a>> {
        let flat = |s: &Sentence| -> String { s.text.split(['\n', '\r']).collect() };
        let mut out = Vec::new();
        for s in sents {
            let f = flat(s);
            if only.is_some_and(|o| o != s.section)
                || !keywords.iter().any(|k| f.contains(k))
                || exclude.iter().any(|x| f.contains(x))
            {
                continue;
            }
            let chars: Vec<char> = f.chars().collect();
            for kw in keywords.iter().filter(|k| f.contains(**k)) {
                let n = kw.chars().count();
                for at in find_all(&chars, kw) {
                    let unit = units.chars().next().unwrap_or(' ');
                    if let Some((value, _)) = number_after(&chars, at + n, window, unit) {
                        out.push(Hit {
                            value,
                            sentence: s.text,
                        });
                    } else if let Some(value) = number_before(&chars, at, unit) {
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

    #[test]
    fn read_number_is_the_plain_one() {
        let text = "0 7 42 1,234 1,2,3 12, ９８７６５ 123456789012345 1234567890123456 \
                    99999999999999999999 ,5 一 二十五 三百零二 两千 万 十万 零 〇 七七 a1 ，1２,３４5";
        let chars: Vec<char> = text.chars().collect();
        for i in 0..chars.len() {
            assert_eq!(
                read_number(&chars, i),
                plain_read_number(&chars, i),
                "at {i}"
            );
        }
    }

    /// The keyword sets the X rules read numbers after, with their excludes and windows.
    const PATTERNS: [(&[&str], &[&str], usize); 8] = [
        (
            &["收到", "受理", "新收"],
            &[
                "复议", "诉讼", "信访", "留言", "咨询", "建议", "提案", "来信",
            ],
            25,
        ),
        (
            &["上年结转", "上年度结转", "上一年度结转", "上一年结转"],
            &["复议", "诉讼"],
            12,
        ),
        (&["办结", "答复", "办理完毕"], &["复议", "诉讼", "信访"], 12),
        (
            &[
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
            &["复议", "诉讼"],
            15,
        ),
        (
            &["予以公开", "部分公开"],
            &["复议", "诉讼", "予以公开及部分公开"],
            8,
        ),
        (
            &["行政复议"],
            &["未发生", "没有发生", "未收到", "行政诉讼"],
            12,
        ),
        (&["行政诉讼"], &[], 12),
        (
            &["制发", "废止", "现行有效", "件", "1", "一"],
            &["规章"],
            15,
        ),
    ];

    /// `numbers_after` against the plain version on the corpus (when it is there).
    #[test]
    fn numbers_after_is_the_plain_one_on_the_corpus() {
        let mut seen = 0;
        for dir in ["public", "partial", "html", "pdf", "docx"] {
            let path = format!(
                "{}/../../../shared/corpus/{dir}",
                env!("CARGO_MANIFEST_DIR")
            );
            let Ok(entries) = std::fs::read_dir(path) else {
                continue;
            };
            for e in entries.flatten() {
                let Ok(bytes) = std::fs::read(e.path()) else {
                    continue;
                };
                let r = crate::import(&bytes, None).report;
                let ss = split(&r);
                for (kws, ex, window) in PATTERNS {
                    for (only, unit) in [(None, '件'), (Some("6"), '元'), (Some("1"), '条')] {
                        let (k, x): (Vec<Kw>, Vec<Kw>) = (
                            kws.iter().map(|k| Kw::new(k)).collect(),
                            ex.iter().map(|k| Kw::new(k)).collect(),
                        );
                        let got = numbers_after(&ss, only, &k, &x, window, unit);
                        let want =
                            plain_numbers_after(&ss, only, kws, ex, window, &unit.to_string());
                        seen += want.len();
                        assert_eq!(got, want, "{:?} {kws:?}", e.path());
                    }
                }
            }
        }
        eprintln!("{seen} hits compared");
    }

    #[test]
    fn trims_are_the_std_ones() {
        let mut texts: Vec<String> = TEXTS.iter().map(|t| t.to_string()).collect();
        // Every white space char, ASCII or not, and some that are not, at either end.
        let spaces: Vec<char> = (0..0x3100u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .chain([
                'a', '件', '。', '（', '\u{3001}', '\u{2010}', '\u{1681}', '\u{00A1}',
            ])
            .collect();
        for a in &spaces {
            for b in ['\n', '件', ' '] {
                texts.push(format!("{a}{b}件{a}"));
                texts.push(format!("{b}{a}件{b}{a}"));
                texts.push(format!("{a}{a}"));
            }
        }
        for t in &texts {
            assert_eq!(trim_start(t), t.trim_start(), "{t:?}");
            assert_eq!(trim_end(t), t.trim_end(), "{t:?}");
        }
        for c in spaces.iter().filter(|c| c.is_whitespace()) {
            assert!(may_be_space(c.to_string().as_bytes()[0]), "{c:?}");
        }
    }

    #[test]
    fn class_is_lead_and_mask() {
        for b in 0..256 {
            let c = CLASS[b];
            assert_eq!(c as u32, MASK[b]);
            assert_eq!((c >> 56) as u8, LEAD[b] & 7);
            assert_eq!(c & 1 << 32 != 0, LEAD[b] & 8 != 0);
            assert_eq!(c >> 33 & 0x7F_FFFF, 0);
        }
    }

    #[test]
    fn bloom_bit_is_bit_k() {
        for w in (0..u32::MAX)
            .step_by(104_729)
            .chain([0, 0xB6_BB_E4, u32::MAX])
        {
            let k = w.wrapping_mul(0x9E37_79B1) >> 24;
            let mut m = [0; 4];
            add(&mut m, w);
            let bits: u32 = m.iter().map(|x| x.count_ones()).sum();
            assert_eq!(bits, 1);
            assert_eq!(m[(k / 64) as usize], 1 << (k % 64), "{w:#x}");
        }
    }

    /// Texts with wrapped lines, ASCII, 2-, 3- and 4-byte chars.
    const TEXTS: [&str; 6] = [
        "区政府办受理政府\n信息公开申请 17 件，均已答复",
        "共收到申请27件，办结25件（含上年结转2件），2件结转下年度\r\n继续办理",
        "上\n年\r结\n\n转 ab-c ～ 𠀀𠀁 é ü 12月31日",
        "",
        "\n",
        "全年未收到依申请公开件，未发生行政复议和行政诉讼案件",
    ];

    #[test]
    fn bloom_holds_every_char_of_the_text() {
        for t in TEXTS {
            assert_eq!(
                bloom(t),
                t.chars().map(char_bit).fold([0; 4], |m, b| {
                    [m[0] | b[0], m[1] | b[1], m[2] | b[2], m[3] | b[3]]
                }),
                "{t:?}"
            );
        }
    }

    /// `has` against the plain reading: remove the line breaks, then `str::contains`.
    #[test]
    fn has_is_contains_across_breaks() {
        for t in TEXTS {
            let flat: String = t.split(['\n', '\r']).collect();
            let r = sents(t);
            let ss = split(&r);
            let chars: Vec<char> = flat.chars().collect();
            // Every substring of the flat text, and a few that are not there.
            let mut kws: Vec<String> =
                vec!["".into(), "申请 18".into(), "件。".into(), "结转上".into()];
            for i in 0..chars.len() {
                for j in i + 1..=(i + 5).min(chars.len()) {
                    kws.push(chars[i..j].iter().collect());
                    let mut k: String = chars[i..j].iter().collect();
                    k.push('件');
                    kws.push(k);
                }
            }
            for s in &ss {
                let flat_s: String = s.text.split(['\n', '\r']).collect();
                assert_eq!(s.chars(), flat_s.chars().collect::<Vec<_>>());
                for kw in &kws {
                    assert_eq!(
                        s.has_text(kw, bloom(kw)),
                        flat_s.contains(kw.as_str()),
                        "{kw:?} in {:?}",
                        s.text
                    );
                }
                for c in flat_s.chars() {
                    assert!(holds(&s.bloom, &char_bit(c)));
                }
            }
        }
    }

    /// The plain [`find_from`]: every index from `from` on tested in turn.
    fn plain_find_from(chars: &[char], kw: &str, from: usize) -> Option<usize> {
        let k: Vec<char> = kw.chars().collect();
        if k.is_empty() {
            return None;
        }
        (from..chars.len()).find(|&i| chars.get(i..i + k.len()) == Some(&k[..]))
    }

    #[test]
    fn find_from_is_the_plain_one() {
        let c: Vec<char> = "上年结转上年结转上上年年结".chars().collect();
        for kw in [
            "上年",
            "结转",
            "上",
            "年结",
            "上上年",
            "结转上年结转上",
            "下年",
            "",
            "结",
        ] {
            for from in 0..=c.len() + 1 {
                assert_eq!(
                    find_from(&c, kw, from),
                    plain_find_from(&c, kw, from),
                    "{kw} {from}"
                );
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
