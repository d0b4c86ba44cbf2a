//! Tokens of a table area: label text, values and empty fields, with their positions. One
//! tokenizer serves every plain-text layout: tab-separated fields (web-page copies), pipe
//! tables (markdown/OCR, also one cell per line), and free text where only spaces — or nothing
//! at all, in crawler copies — separate the cells. Consecutive values form a [`Group`]: the
//! cells of one row (or several rows, or a run of digits to be split), preceded by its label.

use super::doc::{Doc, NormCursor};
use crate::model::is_mark;
use crate::text::fold_width;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Text,
    Value,
    /// An empty field between explicit separators (tab or `|`): a blank cell.
    Empty,
}

#[derive(Clone, Debug)]
pub struct Tok {
    pub kind: TokKind,
    /// Char range in the doc (for `Empty`, start == end).
    pub start: usize,
    pub end: usize,
    /// `元` / `万元` written right after a number.
    pub unit: Option<&'static str>,
}

/// A field of a value group. Its text is borrowed from the [`Doc`]: a report has hundreds of
/// fields, and the readers copy and regroup them.
#[derive(Clone, Copy, Debug)]
pub struct Field<'a> {
    pub text: &'a str,
    pub start: usize,
    pub empty: bool,
}

/// Consecutive values with the label text before them.
#[derive(Clone, Debug)]
pub struct Group<'a> {
    /// The normalised text since the previous group (at most [`LABEL_KEEP`] chars, the end kept).
    pub label: Vec<char>,
    /// How many of `label`'s last chars are on the same line as the first value (see
    /// [`Group::line_label`]).
    pub line_len: usize,
    pub fields: Vec<Field<'a>>,
    pub unit: Option<&'static str>,
}

impl Group<'_> {
    /// The part of `label` on the same line as the first value (empty when the label is on
    /// lines above): a merged group label on a line of its own is not this row's label.
    pub fn line_label(&self) -> &[char] {
        self.label
            .get(self.label.len().saturating_sub(self.line_len)..)
            .unwrap_or_default()
    }

    pub fn start(&self) -> usize {
        self.fields.first().map_or(0, |f| f.start)
    }

    /// The non-empty fields' text joined by spaces (what the digit splitter reads).
    pub fn joined(&self) -> String {
        let parts: Vec<&str> = self
            .fields
            .iter()
            .filter(|f| !f.empty)
            .map(|f| f.text)
            .collect();
        parts.join(" ")
    }

    pub fn has_value(&self) -> bool {
        self.fields.iter().any(|f| !f.empty)
    }
}

/// How much label text is kept before a group (prose before a table can be long).
pub const LABEL_KEEP: usize = 80;

/// Tokenizes the doc's chars `start..end`, line by line.
pub fn tokenize(doc: &Doc, start: usize, end: usize) -> Vec<Tok> {
    let end = end.min(doc.len());
    // Sized for a token every three chars (a number and its space, or a short label): grown
    // from empty, the list was copied again and again.
    let mut toks = Vec::with_capacity(end.saturating_sub(start) / 3);
    let mut ls = start.min(end);
    // The line ends are the doc's own (no scan for `\n`), walked in order.
    for &next in doc.line_starts_in(ls, end) {
        line(doc, ls, next - 1, &mut toks);
        ls = next;
    }
    if ls < end {
        line(doc, ls, end, &mut toks);
    }
    toks
}

fn line(doc: &Doc, ls: usize, le: usize, out: &mut Vec<Tok>) {
    let chars = &doc.chars[ls..le];
    let Some(a) = chars.iter().position(|c| !c.is_whitespace()) else {
        return;
    };
    let b = chars
        .iter()
        .rposition(|c| !c.is_whitespace())
        .map_or(a, |x| x + 1);
    let trimmed = &chars[a..b];
    if is_rule_line_chars(trimmed) {
        return;
    }
    if is_page_number_trimmed(trimmed) {
        return;
    }
    // One pass for both separators (it vectorises).
    let (tab, pipe) = chars.iter().fold((false, false), |(t, p), &c| {
        (t | (c == '\t'), p | (c == '|'))
    });
    if tab {
        let from = out.len();
        for (s, e) in split_positions(chars, ls, '\t') {
            field(doc, s, e, out);
        }
        text_after_values_is_value(&mut out[from..]);
    } else if pipe {
        if trimmed == ['|'] {
            let s = ls + chars.iter().position(|c| *c == '|').unwrap_or(0);
            out.push(empty(s));
            return;
        }
        let mut parts = split_positions(chars, ls, '|');
        let first_nonspace = chars.iter().position(|c| !c.is_whitespace());
        let last_nonspace = chars.iter().rposition(|c| !c.is_whitespace());
        if first_nonspace.and_then(|i| chars.get(i)) == Some(&'|') && !parts.is_empty() {
            parts.remove(0);
        }
        if last_nonspace.and_then(|i| chars.get(i)) == Some(&'|') {
            parts.pop();
        }
        let from = out.len();
        for (s, e) in parts {
            field(doc, s, e, out);
        }
        text_after_values_is_value(&mut out[from..]);
    } else {
        free(doc, ls, le, out);
    }
}

/// In a row of explicit fields, a text field after the first value is a cell that holds text
/// (`无数据`, broken markup), not the next label.
fn text_after_values_is_value(toks: &mut [Tok]) {
    if let Some(first) = toks.iter().position(|t| t.kind == TokKind::Value) {
        for t in &mut toks[first..] {
            if t.kind == TokKind::Text {
                t.kind = TokKind::Value;
            }
        }
    }
}

fn empty(at: usize) -> Tok {
    Tok {
        kind: TokKind::Empty,
        start: at,
        end: at,
        unit: None,
    }
}

/// Char ranges (doc indexes) of the parts of a line split at `sep`.
fn split_positions(chars: &[char], base: usize, sep: char) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = 0;
    for (i, c) in chars.iter().enumerate() {
        if *c == sep {
            out.push((base + s, base + i));
            s = i + 1;
        }
    }
    out.push((base + s, base + chars.len()));
    out
}

/// One explicit field (tab or pipe): empty, a value, or text — as a whole.
fn field(doc: &Doc, s: usize, e: usize, out: &mut Vec<Tok>) {
    let raw = &doc.chars[s..e];
    let Some(a) = raw.iter().position(|c| !is_blank(*c)) else {
        out.push(empty(s));
        return;
    };
    let b = raw.iter().rposition(|c| !is_blank(*c)).map_or(a, |x| x + 1);
    // The doc's own text of those chars (no copy: a report has hundreds of fields).
    let text = doc.slice_str(s + a, s + b);
    let (body, unit) = strip_unit(text);
    // `2.` alone in a cell is the list number of the label beside it.
    let list_number = body
        .strip_suffix(['.', '、', '．'])
        .is_some_and(|d| !d.is_empty() && d.chars().all(|c| fold_width(c).is_ascii_digit()));
    let kind = if !list_number && (is_numberish(body) || is_mark(body.trim())) {
        TokKind::Value
    } else {
        TokKind::Text
    };
    let end = if kind == TokKind::Value {
        s + a + body.chars().count()
    } else {
        s + b
    };
    out.push(Tok {
        kind,
        start: s + a,
        end,
        unit: if kind == TokKind::Value { unit } else { None },
    });
}

fn is_blank(c: char) -> bool {
    // Every white space char is at most U+3000: CJK text (most chars) answers in two tests.
    if c > '\u{3000}' {
        return c == '\u{FEFF}';
    }
    c.is_whitespace() || c == '\u{200B}'
}

fn strip_unit(text: &str) -> (&str, Option<&'static str>) {
    if let Some(b) = text.strip_suffix("万元") {
        (b.trim_end(), Some("万元"))
    } else if let Some(b) = text.strip_suffix('元') {
        (b.trim_end(), Some("元"))
    } else {
        (text, None)
    }
}

/// A number as printed: optional sign, digits (any width), separators, a decimal point, or an
/// exponent (`1e309` is kept as text by the cell parser, but it is a value, not a label).
pub fn is_numberish(s: &str) -> bool {
    let mut chars = s.chars().map(fold_width).filter(|c| !c.is_whitespace());
    // Leading signs (`－` and `−` are not folded by width).
    let first = chars.find(|c| !matches!(c, '+' | '-' | '－' | '−'));
    first.is_some_and(|c| c.is_ascii_digit())
        && chars
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '，' | 'e' | 'E' | '+' | '-'))
}

/// `- 3 -`, `— 4 —`, `第 3 页`: page numbers of a PDF extraction.
pub fn is_page_number(t: &str) -> bool {
    let inner = t
        .trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | '−' | ' ' | '\u{3000}'))
        .trim();
    let inner = inner
        .strip_prefix('第')
        .and_then(|x| x.strip_suffix('页'))
        .unwrap_or(inner)
        .trim();
    inner != t.trim()
        && !inner.is_empty()
        && inner.len() <= 4
        && inner.chars().all(|c| fold_width(c).is_ascii_digit())
}

/// Whether text could be a page number (see [`is_page_number`]) by its chars alone: dashes,
/// white space, 第, 页 and digits. Prose fails at its first char, without the trimming.
pub fn page_number_chars(t: &str) -> bool {
    t.chars().all(page_number_char)
}

/// A char a page number may hold (see [`page_number_chars`]).
fn page_number_char(c: char) -> bool {
    page_number_mark(c) || c.is_whitespace()
}

/// A char a page number may hold other than white space (tested without the white-space table
/// where the char is known not to be white space).
fn page_number_mark(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '－' | '−' | '第' | '页') || fold_width(c).is_ascii_digit()
}

/// Whether a line is a page number ([`is_page_number`] of its trimmed text). Lines that cannot
/// be one are rejected by their chars, without building a string; prose at its first char,
/// before the line's end is looked for.
pub fn is_page_number_line(line: &[char]) -> bool {
    let Some(a) = line.iter().position(|c| !c.is_whitespace()) else {
        return false;
    };
    if !line.get(a).is_some_and(|&c| page_number_mark(c)) {
        return false;
    }
    let b = line
        .iter()
        .rposition(|c| !c.is_whitespace())
        .map_or(a, |x| x + 1);
    is_page_number_trimmed(&line[a..b])
}

/// [`is_page_number_line`] of a line already trimmed.
fn is_page_number_trimmed(t: &[char]) -> bool {
    may_be_page_number(t) && is_page_number(&t.iter().collect::<String>())
}

/// Whether a trimmed line could be a page number (see [`is_page_number`]): only its chars, and
/// framed by dashes or by 第…页.
fn may_be_page_number(t: &[char]) -> bool {
    let dash = |c: &char| matches!(c, '-' | '—' | '–' | '－' | '−');
    let framed = t.first().is_some_and(|c| dash(c) || *c == '第')
        || t.last().is_some_and(|c| dash(c) || *c == '页');
    framed && t.iter().all(|&c| page_number_char(c))
}

/// Markdown table rules `|---|:--:|`.
fn is_rule_line_chars(t: &[char]) -> bool {
    // Most lines fail the first test at their first char.
    t.iter().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+')) && t.contains(&'-')
}

/// Free text: white space separates pieces; inside a piece, digit runs glued to words are cut
/// out (crawler copies), except list numbers (`2.其他…`, `1、申请人…`) which belong to labels,
/// and numbers that are prose (`2024年`, `16 件`, `7.3%`).
fn free(doc: &Doc, ls: usize, le: usize, out: &mut Vec<Tok>) {
    let c = &doc.chars;
    let mut i = ls;
    while i < le {
        if is_blank(c[i]) {
            i += 1;
            continue;
        }
        let piece_start = i;
        let mut pe = i;
        while pe < le && !is_blank(c[pe]) {
            pe += 1;
        }
        if is_short_mark(&c[piece_start..pe]) {
            push(out, TokKind::Value, piece_start, pe, None);
            i = pe;
            continue;
        }
        let mut j = piece_start;
        let mut text_start = piece_start;
        while j < pe {
            let d = fold_width(c[j]);
            let signed = j == piece_start
                && matches!(d, '+' | '-')
                && c.get(j + 1)
                    .is_some_and(|x| fold_width(*x).is_ascii_digit());
            if !(d.is_ascii_digit() || signed) {
                j += 1;
                continue;
            }
            let rs = j;
            let mut re = j + 1;
            while re < pe {
                let x = fold_width(c[re]);
                let next_digit = c
                    .get(re + 1)
                    .is_some_and(|y| fold_width(*y).is_ascii_digit());
                if x.is_ascii_digit() || (matches!(x, '.' | ',') && next_digit && re + 1 < pe) {
                    re += 1;
                } else {
                    break;
                }
            }
            let after = c.get(re).map(|x| fold_width(*x));
            let after2 = c.get(re + 1).map(|x| fold_width(*x));
            let enumerator = matches!(after, Some('.' | '、' | '．'))
                && !after2.is_some_and(|y| y.is_ascii_digit());
            let next_word = c[re..le].iter().find(|x| !is_blank(**x)).copied();
            let prose = next_word.is_some_and(|x| {
                matches!(
                    x,
                    '年' | '月'
                        | '日'
                        | '件'
                        | '条'
                        | '号'
                        | '次'
                        | '个'
                        | '%'
                        | '％'
                        | '人'
                        | '份'
                        | '名'
                        | '万'
                        | '亿'
                        | '余'
                        | '多'
                        | '项'
                        | '天'
                        | '家'
                        | '户'
                        | '篇'
                        | '页'
                )
            }) && !matches!(c.get(re..re + 2), Some(['万', '元']));
            let mut vend = re;
            if enumerator {
                // The last digit is the list number of the next label.
                let digits = c[rs..re].iter().all(|x| fold_width(*x).is_ascii_digit());
                vend = if digits && re - rs > 1 { re - 1 } else { rs };
            }
            if prose {
                vend = rs;
            }
            if vend > rs {
                if rs > text_start {
                    push(out, TokKind::Text, text_start, rs, None);
                }
                let (unit, skip) = match c.get(vend..(vend + 2).min(le)) {
                    Some(['万', '元']) if vend == re => (Some("万元"), 2),
                    Some(['元', ..]) if vend == re => (Some("元"), 1),
                    _ => (None, 0),
                };
                push(out, TokKind::Value, rs, vend, unit);
                text_start = vend + skip;
                j = vend + skip;
            } else {
                j = re.max(j + 1);
            }
        }
        if pe > text_start {
            push(out, TokKind::Text, text_start, pe, None);
        }
        i = pe;
    }
}

/// A not-applicable mark (see [`is_mark`]) of one or two chars standing alone as a piece,
/// tested without allocating a string.
fn is_short_mark(piece: &[char]) -> bool {
    // The marks of `model::is_mark` of one or two chars (a piece holds no white space).
    match *piece {
        [a] => matches!(a, '/' | '／' | '-' | '－' | '—' | '–' | '无' | '\\' | '×'),
        [a, b] => a == b && matches!(a, '—' | '-'),
        _ => false,
    }
}

fn push(out: &mut Vec<Tok>, kind: TokKind, start: usize, end: usize, unit: Option<&'static str>) {
    out.push(Tok {
        kind,
        start,
        end,
        unit,
    });
}

/// Groups consecutive values/empty fields; the text since the previous group is their label.
/// Groups without any value (only empty fields) are dropped but do not reset the label.
pub fn groups<'a>(doc: &'a Doc, toks: &[Tok]) -> Vec<Group<'a>> {
    let mut b = Builder::default();
    // A label's text is normalised as the doc's normalised view already holds it.
    let mut norm = NormCursor::new(doc, toks.first().map_or(0, |t| t.start));
    for t in toks {
        let newline_before = doc.chars[b.last_end.min(t.start)..t.start].contains(&'\n');
        match t.kind {
            TokKind::Text => {
                b.flush();
                if newline_before {
                    b.line_label.clear();
                }
                let text = norm.take(t.start, t.end);
                b.label.extend_from_slice(text);
                b.line_label.extend_from_slice(text);
                for l in [&mut b.label, &mut b.line_label] {
                    if l.len() > 4 * LABEL_KEEP {
                        l.drain(..l.len() - LABEL_KEEP);
                    }
                }
            }
            TokKind::Value | TokKind::Empty => {
                if b.cur.is_empty() && newline_before {
                    b.line_label.clear();
                }
                b.cur.push(Field {
                    text: doc.slice_str(t.start, t.end),
                    start: t.start,
                    empty: t.kind == TokKind::Empty,
                });
                if t.unit.is_some() {
                    b.unit = t.unit;
                }
            }
        }
        b.last_end = t.end;
    }
    b.flush();
    b.out
}

#[derive(Default)]
struct Builder<'a> {
    out: Vec<Group<'a>>,
    label: Vec<char>,
    line_label: Vec<char>,
    cur: Vec<Field<'a>>,
    unit: Option<&'static str>,
    last_end: usize,
}

impl Builder<'_> {
    /// Ends the current run of fields: a group if it holds a value. Groups of empty fields
    /// only are dropped without resetting the label.
    fn flush(&mut self) {
        if self.cur.iter().any(|f| !f.empty) {
            let keep = |l: &[char]| l.len().min(LABEL_KEEP);
            let label = &self.label[self.label.len() - keep(&self.label)..];
            // The line's text is the end of the label's (both took the same text since the line
            // began; the label's own start is all that is cut), so its length is enough.
            let line_len = keep(&self.line_label);
            debug_assert!(label.ends_with(&self.line_label[self.line_label.len() - line_len..]));
            // Copied at their size; the builder's buffers are reused for the next group.
            self.out.push(Group {
                label: label.to_vec(),
                line_len,
                fields: self.cur.clone(),
                unit: self.unit.take(),
            });
            self.label.clear();
            self.line_label.clear();
            self.cur.clear();
        } else {
            self.cur.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(text: &str) -> Vec<(String, Vec<String>)> {
        let doc = Doc::new(text);
        let toks = tokenize(&doc, 0, doc.len());
        groups(&doc, &toks)
            .into_iter()
            .map(|g| {
                (
                    g.label.iter().collect(),
                    g.fields.iter().map(|f| f.text.to_string()).collect(),
                )
            })
            .collect()
    }

    /// Labels are read from the doc's normalised view: on every corpus text, each text token's
    /// normalised chars are what normalising its own text gives.
    #[test]
    fn labels_from_the_normalised_view_on_the_corpus() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/public");
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir}: {e}"));
        let mut checked = 0;
        for path in entries.flatten().map(|e| e.path()) {
            if path.extension().is_none_or(|x| x != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let doc = Doc::new(&text);
            let mut cursor = NormCursor::new(&doc, 0);
            for t in tokenize(&doc, 0, doc.len()) {
                if t.kind == TokKind::Text {
                    let plain = super::super::doc::norm_chars(doc.slice_str(t.start, t.end));
                    assert_eq!(cursor.take(t.start, t.end), &plain[..], "{path:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn short_marks_are_the_marks_of_one_or_two_chars() {
        let chars: Vec<char> = "/／-－—–无\\×—/—--—a1一 ".chars().collect();
        let mut pieces: Vec<Vec<char>> = chars.iter().map(|&c| vec![c]).collect();
        for &a in &chars {
            for &b in &chars {
                pieces.push(vec![a, b]);
            }
        }
        pieces.push("—/—".chars().collect());
        for p in pieces
            .iter()
            .filter(|p| !p.iter().any(|c| c.is_whitespace()))
        {
            let text: String = p.iter().collect();
            assert_eq!(is_short_mark(p), p.len() <= 2 && is_mark(&text), "{text:?}");
        }
    }

    #[test]
    fn blank_is_white_space_or_invisible() {
        for c in (0..=0x11_0000u32).filter_map(char::from_u32) {
            let plain = c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}';
            assert_eq!(is_blank(c), plain, "{c:?}");
        }
    }

    #[test]
    fn page_number_pretest_keeps_every_page_number() {
        for t in [
            "- 3 -",
            "— 4 —",
            "第 3 页",
            "第3页",
            "-12-",
            "- １ -",
            "3",
            "第三页",
            "- 12345 -",
            "2024",
            "-",
            "第 页",
            "— ３ —",
            "- a -",
            "1.",
            "－ 7 －",
        ] {
            // The pre-test `line` applies never rejects a page number.
            let c: Vec<char> = t.trim().chars().collect();
            assert!(!is_page_number(t) || may_be_page_number(&c), "{t:?}");
            assert!(!is_page_number(t) || page_number_chars(t), "{t:?}");
        }
    }

    #[test]
    fn short_marks_are_marks() {
        for t in [
            "/", "／", "-", "－", "—", "——", "–", "无", "\\", "--", "×", "—/—", "0", "无无", "/-",
            "",
        ] {
            let c: Vec<char> = t.chars().collect();
            assert_eq!(is_short_mark(&c), c.len() <= 2 && is_mark(t), "{t:?}");
        }
    }

    #[test]
    fn tabs_keep_empty_fields() {
        let r = g("行政事业性收费\t1\t\t\n\t\t0\t0");
        assert_eq!(r[0].0, "行政事业性收费");
        assert_eq!(r[0].1, vec!["1", "", "", "", "", "0", "0"]);
    }

    #[test]
    fn list_number_in_its_own_field() {
        let r = g("\t2.\t其他法律\t0\t1");
        assert_eq!(r[0].0, "2其他法律");
        assert_eq!(r[0].1, vec!["0", "1"]);
    }

    #[test]
    fn pipes_and_one_cell_per_line() {
        let r = g("| 规章 | 0 | 1 |\n|---|---|\n行政规范性文件 |\n3 |\n|\n");
        assert_eq!(r[0].1, vec!["0", "1"]);
        assert_eq!(r[1].0, "行政规范性文件");
        assert_eq!(r[1].1, vec!["3", ""]);
    }

    #[test]
    fn crawler_runs_and_list_numbers() {
        let r = g("规章000规范性文件898989（三）不予公开1.属于国家秘密00000002.其他");
        assert_eq!(r[0], ("规章".into(), vec!["000".into()]));
        assert_eq!(r[1].1, vec!["898989"]);
        assert_eq!(r[2].0, "三不予公开1属于国家秘密");
        assert_eq!(r[2].1, vec!["0000000"]);
    }

    #[test]
    fn pdf_lines_page_numbers_prose_and_units() {
        let r =
            g("- 3 -\n本 2.其他法律 30 1 0\n（其中修订 16 件）\n政府集中采购13575394432.52元三");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].0, "本2其他法律");
        assert_eq!(r[0].1, vec!["30", "1", "0"]);
        assert_eq!(r[1].1, vec!["13575394432.52"]);
    }
}
