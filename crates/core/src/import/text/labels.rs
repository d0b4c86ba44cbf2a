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

/// A set of chars as a 256-bit map on `c % 256`: a clear bit means the char is certainly
/// absent. Scoring tries every row against every label, and most pairs share too few chars to
/// match at all; the sets reject those without a search.
#[derive(Clone, Copy, Default)]
pub struct CharSet([u64; 4]);

impl CharSet {
    pub fn of(chars: &[char]) -> CharSet {
        let mut s = CharSet::default();
        for &c in chars {
            let k = c as usize & 255;
            s.0[k / 64] |= 1 << (k % 64);
        }
        s
    }

    pub fn may_have(&self, c: char) -> bool {
        let k = c as usize & 255;
        self.0[k / 64] & (1 << (k % 64)) != 0
    }

    /// How many of `self`'s buckets are empty in `other`: a lower bound on the chars of `self`
    /// that `other` lacks.
    pub fn missing_in(&self, other: &CharSet) -> usize {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| (a & !b).count_ones() as usize)
            .sum()
    }

    /// Every char of `other` may be in `self`.
    pub fn may_contain(&self, other: &CharSet) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| b & !a == 0)
    }
}

/// One normalised form a row may be written as.
pub struct Cand {
    pub chars: Vec<char>,
    pub(super) set: CharSet,
}

impl Cand {
    pub fn new(chars: Vec<char>) -> Cand {
        let set = CharSet::of(&chars);
        Cand { chars, set }
    }
}

/// The text before a group, ready to be scored against every row.
pub struct Probe<'a> {
    label: &'a [char],
    all: CharSet,
    /// The chars of the last [`WINDOW`] (what the fuzzy match sees).
    window: CharSet,
}

/// How far back from the values a fuzzy label match may start.
pub(super) const WINDOW: usize = 60;

impl<'a> Probe<'a> {
    pub fn new(label: &'a [char]) -> Probe<'a> {
        let tail = &label[label.len().saturating_sub(WINDOW)..];
        let window = CharSet::of(tail);
        let all = if tail.len() == label.len() {
            window
        } else {
            CharSet::of(label)
        };
        Probe { label, all, window }
    }
}

/// The normalised forms a row may be written as.
pub fn candidates(row: &RowDef) -> Vec<Cand> {
    let mut out = vec![norm_chars(row.label)];
    out.extend(row.aliases.iter().map(|a| norm_chars(a)));
    if let Some(g) = row.group {
        let mut c = norm_chars(g);
        c.extend(norm_chars(row.label));
        out.push(c);
    }
    out.retain(|c| c.len() >= 2);
    out.into_iter().map(Cand::new).collect()
}

/// How well the probe's label (the normalised text before a group) names a row with these
/// candidates, and where in the label the match ends. Containment scores by where the
/// candidate ends (the label nearest the values wins): when the text before a group holds
/// several row labels (a PDF puts a row's label after its numbers), the one ending last is this
/// group's.
///
/// This is the plain form, one row at a time; the importer scores every row at once with
/// `index::RowIndex::score`, which gives the same results.
pub fn score_at(probe: &Probe, cands: &[Cand]) -> (i32, usize) {
    let label = probe.label;
    if label.is_empty() {
        return (0, 0);
    }
    let mut best = (0, 0);
    for c in cands {
        if !probe.all.may_contain(&c.set) {
            continue;
        }
        if let Some(end) = rfind(label, &c.chars) {
            best = best.max(exact(label, c, end));
        }
    }
    if best.0 > 0 {
        return best;
    }
    for c in cands.iter().filter(|c| c.chars.len() >= 6) {
        // Every pattern char absent from the window costs an edit: when those alone
        // exceed the allowed distance, the DP cannot accept.
        let mut missing = 0;
        let possible = c.set.missing_in(&probe.window) * 4 <= c.chars.len()
            && c.chars.iter().all(|&p| {
                if !probe.window.may_have(p) {
                    missing += 1;
                }
                missing * 4 <= c.chars.len()
            });
        best = best.max(fuzzy(label, c, possible));
    }
    if best.0 > 0 {
        return best;
    }
    if label.len() >= 3 && cands.iter().any(|c| fragment(probe, c)) {
        return (FRAGMENT, label.len());
    }
    (0, 0)
}

/// The score of candidate `c` found in `label`, its last occurrence ending at `end`.
pub(super) fn exact(label: &[char], c: &Cand, end: usize) -> (i32, usize) {
    let near_end = if end == label.len() { 3 } else { 0 };
    let long = (c.chars.len() / 4).min(3) as i32;
    (STRONG + near_end + long, end)
}

/// The fuzzy tests of [`score_at`] for a candidate of 6 chars or more: a match within an edit
/// distance of a quarter of its length (tried only when `possible`: the caller has ruled out
/// that the chars the window lacks already exceed that), or the label ending with the start of
/// the candidate, wrapped onto the next line.
pub(super) fn fuzzy(label: &[char], c: &Cand, possible: bool) -> (i32, usize) {
    let c_set = &c.set;
    let c = &c.chars;
    let mut best = (0, 0);
    if possible {
        let (d, end) = semi_global_distance_at(c, c_set, label);
        if d * 4 <= c.len() {
            best = (FUZZY, end);
        }
    }
    // The text ends with the start of a label wrapped onto the next line — more than
    // a group label (`（六）其他处理`) that several rows share: past the list number.
    let last = label.last().copied();
    if last.is_some_and(|l| c_set.may_have(l)) {
        let k = (1..c.len())
            .rev()
            .find(|&k| last == Some(c[k - 1]) && label.ends_with(&c[..k]))
            .unwrap_or(0);
        if k >= wrap_min(c) {
            best = best.max((FUZZY, label.len()));
        }
    }
    best
}

/// How long a start of candidate `c` ending the label must be to count as a wrapped label
/// (see [`fuzzy`]): 4 chars or more, past the list number, a third of the candidate.
pub(super) fn wrap_min(c: &[char]) -> usize {
    let shared = c
        .iter()
        .position(|x| x.is_ascii_digit())
        .map_or(0, |d| d + 1);
    4.max(shared + 1).max(c.len().div_ceil(3))
}

/// The probe's whole label is a piece of candidate `c` (a wrapped line).
fn fragment(probe: &Probe, c: &Cand) -> bool {
    c.set.may_contain(&probe.all) && find(&c.chars, probe.label).is_some()
}

/// End index (exclusive) of the last occurrence of `needle` in `hay`.
pub fn rfind(hay: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    let first = needle[0];
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay[i] == first && hay[i + 1..].starts_with(&needle[1..]))
        .map(|i| i + needle.len())
}

pub fn find(hay: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    let first = needle[0];
    (0..=hay.len() - needle.len())
        .find(|&i| hay[i] == first && hay[i + 1..].starts_with(&needle[1..]))
}

/// Edit distance between `pat` (whose [`CharSet`] is `set`) and the best-matching substring of
/// `text` (free start and end in `text`), and the end (exclusive, in `text`) of that match.
/// `text` is cut to its last [`WINDOW`] chars, so the cost is bounded.
pub fn semi_global_distance_at(pat: &[char], set: &CharSet, text: &[char]) -> (usize, usize) {
    let off = text.len().saturating_sub(WINDOW);
    let text = &text[off..];
    let (d, end) = if (1..=64).contains(&pat.len()) {
        myers(pat, set, text)
    } else {
        semi_global_dp(pat, text)
    };
    (d, off + end)
}

/// Myers' bit-parallel form of [`semi_global_dp`] (pattern of 1 to 64 chars): one machine
/// word per text char instead of a column of the table. Same result, ties to the latest end.
fn myers(pat: &[char], set: &CharSet, text: &[char]) -> (usize, usize) {
    // Most text chars are not in the pattern at all: the set says so without the scan.
    let eqs = text.iter().map(|t| {
        if set.may_have(*t) {
            pat.iter()
                .enumerate()
                .fold(0u64, |e, (i, p)| e | (u64::from(p == t) << i))
        } else {
            0
        }
    });
    myers_eqs(pat.len(), eqs)
}

/// [`myers`] given, for each text char, the bit mask of the pattern positions holding it
/// (the pattern has `m` chars, 1 to 64).
pub(super) fn myers_eqs(m: usize, eqs: impl Iterator<Item = u64>) -> (usize, usize) {
    let high = 1u64 << (m - 1);
    let mut pv = u64::MAX;
    let mut mv = 0u64;
    let mut score = m;
    let mut best = (m, 0);
    for (j, eq) in eqs.enumerate() {
        let xv = eq | mv;
        let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
        let mut ph = mv | !(xh | pv);
        let mut mh = pv & xh;
        if ph & high != 0 {
            score += 1;
        } else if mh & high != 0 {
            score -= 1;
        }
        ph <<= 1;
        mh <<= 1;
        pv = mh | !(xv | ph);
        mv = ph & xv;
        if score <= best.0 {
            best = (score, j + 1);
        }
    }
    best
}

/// The plain dynamic programme of [`semi_global_distance_at`] on the cut text.
fn semi_global_dp(pat: &[char], text: &[char]) -> (usize, usize) {
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
    // Ties go to the latest end.
    let (end, d) = prev
        .iter()
        .enumerate()
        .min_by_key(|(j, d)| (**d, std::cmp::Reverse(*j)))
        .map_or((0, pat.len()), |(j, d)| (j, *d));
    (d, end)
}

/// The row label as written when it differs from `official` by a typo (S-07): the text from
/// the label's first two characters to its last two, when that differs by at most a quarter
/// of its length. A label cut by a line wrap (its end missing) is not a typo.
pub fn typo_span(label: &[char], official: &[char]) -> Option<Vec<char>> {
    // Some reports drop the list numbers (`属于国际秘密` for `1.属于国家秘密`).
    let head = official.get(..2)?;
    if official.first().is_some_and(char::is_ascii_digit) && find(label, head).is_none() {
        return typo_span_exact(label, official.get(1..)?);
    }
    typo_span_exact(label, official)
}

fn typo_span_exact(label: &[char], official: &[char]) -> Option<Vec<char>> {
    let n = official.len();
    if n < 6 || find(label, official).is_some() {
        return None;
    }
    let start = find(label, &official[..2])?;
    let tail = &official[n - 2..];
    let from = start + n / 2;
    let end = rfind(label.get(from..)?, tail)? + from;
    let span = label.get(start..end)?.to_vec();
    let d = edit_distance(&span, official);
    (d > 0 && d * 4 <= n).then_some(span)
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(label: &str, cand: &str) -> i32 {
        let label: Vec<char> = label.chars().collect();
        score_at(&Probe::new(&label), &[Cand::new(cand.chars().collect())]).0
    }

    #[test]
    fn myers_is_the_dp() {
        let texts = [
            "三不予公开1属于国家秘密2其他法律行政止公开3危及三安全稳定",
            "4无正当理由5要求行政机关确认或重新出具本年新收政府信息公开申请数量",
            "aabbaabbabababbbaaab",
            "",
            "x",
        ];
        let pats = [
            "2其他法律行政法规禁止公开",
            "5要求行政机关确认或重新出具已获取信息",
            "abba",
            "ab",
            "b",
            "本年新收政府信息公开申请数量",
        ];
        for t in texts {
            let t: Vec<char> = t.chars().collect();
            for p in pats {
                let p: Vec<char> = p.chars().collect();
                for a in 0..t.len().min(8) {
                    for b in (a..=t.len()).step_by(3) {
                        let t = &t[a..b];
                        let set = CharSet::of(&p);
                        assert_eq!(myers(&p, &set, t), semi_global_dp(&p, t), "{p:?} in {t:?}");
                    }
                }
                let long: Vec<char> = t.iter().cycle().take(70).copied().collect();
                assert_eq!(semi_global_distance_at(&p, &CharSet::of(&p), &long), {
                    let (d, e) = semi_global_dp(&p, &long[long.len().saturating_sub(60)..]);
                    (d, e + long.len().saturating_sub(60))
                });
            }
        }
        let p: Vec<char> = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl"
            .chars()
            .collect();
        assert_eq!(p.len(), 64);
        let t: Vec<char> = "zzabcdefghijklmnopqrstuvwxyzabcdefghijkXmnopqrstuvwxyzabcdefghijklzz"
            .chars()
            .collect();
        assert_eq!(myers(&p, &CharSet::of(&p), &t), semi_global_dp(&p, &t));
    }

    #[test]
    fn typos() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        let t = typo_span(&c("三2其他法律行政止公开"), &c("2其他法律行政法规禁止公开"));
        assert_eq!(t, Some(c("2其他法律行政止公开")));
        assert!(typo_span(
            &c("5要求行政机关确认或重新出"),
            &c("5要求行政机关确认或重新出具已获取信息")
        )
        .is_none());
        assert!(typo_span(&c("三不予公开1属于国家秘密"), &c("1属于国家秘密")).is_none());
        assert!(typo_span(&c("1属于国际秘密"), &c("1属于国家秘密")).is_some());
        assert!(typo_span(&c("三不予公开属于国际秘密"), &c("1属于国家秘密")).is_some());
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
        assert_eq!(
            s(
                "4无正当理由5要求行政机关确认或重新出具",
                "5要求行政机关确认或重新出具已获取信息"
            ),
            FUZZY
        );
        let l: Vec<char> = "1属于国家秘密三2其他法律行政止公开".chars().collect();
        let p = Probe::new(&l);
        let a = score_at(&p, &[Cand::new("1属于国家秘密".chars().collect())]);
        let b = score_at(
            &p,
            &[Cand::new("2其他法律行政法规禁止公开".chars().collect())],
        );
        assert!(a.0 > b.0 && b.1 > a.1);
    }
}
