//! The decoded text as characters with positions, and a "normalised view" of it in which labels
//! can be searched whatever their width, traditional characters, spacing or punctuation.

use crate::finding::Source;
use crate::text::{fold_traditional, fold_width, is_label_punct};

/// The text as characters; positions are char indexes.
pub struct Doc<'t> {
    pub chars: Vec<char>,
    /// The text itself, and the byte offset of each char (plus the end), so that slices are
    /// the text's own bytes rather than re-encoded chars.
    text: &'t str,
    byte_at: Vec<usize>,
    line_starts: Vec<usize>,
    /// The whole text normalised (see [`Norm`]) and each normalised char's index in `chars`.
    norm_chars: Vec<char>,
    norm_orig: Vec<usize>,
}

impl<'t> Doc<'t> {
    /// Reads the text once: its chars, their offsets, the line starts and the normalised view.
    pub fn new(text: &'t str) -> Doc<'t> {
        let (n, newlines) = count_chars_and_newlines(text);
        let (chars, byte_at) = decode(text, n);
        let (norm_chars, norm_orig, line_starts) = normalise(&chars, newlines);
        Doc {
            chars,
            text,
            byte_at,
            line_starts,
            norm_chars,
            norm_orig,
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The starts of the lines that begin after char `start`, up to char `end` included.
    pub fn line_starts_in(&self, start: usize, end: usize) -> &[usize] {
        let first = self.line_starts.partition_point(|&s| s <= start);
        let last = self.line_starts.partition_point(|&s| s <= end);
        self.line_starts.get(first..last).unwrap_or_default()
    }

    /// 1-based line and column (in characters) of a char index.
    pub fn line_col(&self, i: usize) -> (u32, u32) {
        let line = self.line_starts.partition_point(|&s| s <= i).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        (line as u32, (i.saturating_sub(start) + 1) as u32)
    }

    pub fn source(&self, i: usize) -> Source {
        let (l, c) = self.line_col(i);
        Source::line_col(l, c)
    }

    /// The text of a char range (clamped).
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.slice_str(start, end).to_string()
    }

    /// [`Doc::slice`] without the copy.
    pub fn slice_str(&self, start: usize, end: usize) -> &str {
        let end = end.min(self.chars.len());
        let start = start.min(end);
        // `byte_at` has one entry per char plus the end, all on char boundaries.
        self.text
            .get(self.byte_at[start]..self.byte_at[end])
            .unwrap_or_default()
    }
}

// Doc::new's lists are sized first (the chars counted, the newlines counted) and then written in
// place: a push checks the capacity on every char and, being able to grow the list, keeps its
// length in memory. They are filled with a value that is not zero, because a zeroed allocation
// is cleared with a `memset` that costs more than the fill.

/// The `n` chars of `text` and the byte offset of each (plus the end).
fn decode(text: &str, n: usize) -> (Vec<char>, Vec<usize>) {
    let mut chars = vec![' '; n];
    // The entry past the last char is the end.
    let mut byte_at = vec![text.len(); n + 1];
    let slots = chars.iter_mut().zip(byte_at.iter_mut());
    for ((slot, at), (b, c)) in slots.zip(text.char_indices()) {
        *slot = c;
        *at = b;
    }
    (chars, byte_at)
}

/// How many chars and how many `\n` the text holds (a `\n` byte is always a `\n` char in UTF-8;
/// a char starts at each byte that is not a continuation byte). Counted in one pass, in blocks
/// whose per-block counts fit in a byte, so that the loop vectorises.
fn count_chars_and_newlines(text: &str) -> (usize, usize) {
    text.as_bytes()
        .chunks(64)
        .fold((0, 0), |(chars, newlines), block| {
            let (c, n) = block.iter().fold((0u8, 0u8), |(c, n), &b| {
                (c + u8::from(b & 0xC0 != 0x80), n + u8::from(b == b'\n'))
            });
            (chars + usize::from(c), newlines + usize::from(n))
        })
}

/// The normalised view of `chars` (see [`Norm`]): its chars and their indexes in `chars`; and
/// the line starts (the text has `newlines` line ends).
fn normalise(chars: &[char], newlines: usize) -> (Vec<char>, Vec<usize>, Vec<usize>) {
    let n = chars.len();
    let mut norm_chars = vec![' '; n];
    let mut norm_orig = vec![1; n];
    let mut line_starts = vec![0; newlines + 1];
    let (mut kept, mut line) = (0, 1);
    for (i, &c) in chars.iter().enumerate() {
        // CJK ideographs (most of a report) are neither space nor punctuation.
        let c = if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            fold_traditional(c)
        } else {
            if c == '\n' {
                if let Some(start) = line_starts.get_mut(line) {
                    *start = i + 1;
                }
                line += 1;
            }
            match fold_other(c) {
                Some(c) => c,
                None => continue,
            }
        };
        if let (Some(slot), Some(orig)) = (norm_chars.get_mut(kept), norm_orig.get_mut(kept)) {
            *slot = c;
            *orig = i;
        }
        kept += 1;
    }
    norm_chars.truncate(kept);
    norm_orig.truncate(kept);
    (norm_chars, norm_orig, line_starts)
}

/// What a char other than a CJK ideograph becomes in the normalised view: folded, or `None`
/// when it is white space or label punctuation. ASCII (the rest of most reports) by a table.
fn fold_other(c: char) -> Option<char> {
    if let Some(&keep) = ASCII_KEPT.get(c as usize) {
        return keep.then_some(c);
    }
    let c = fold_char(c);
    (!c.is_whitespace() && !is_label_punct(c)).then_some(c)
}

/// For each ASCII char, whether the normalised view keeps it (ASCII folds to itself).
static ASCII_KEPT: [bool; 128] = {
    let mut kept = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8 as char;
        kept[b] = !c.is_whitespace() && !is_label_punct(c);
        b += 1;
    }
    kept
};

/// The normalised view of a range of the text: widths and traditional characters folded, white
/// space and label punctuation dropped; `orig[i]` is the char index in the [`Doc`] of `chars[i]`.
/// Borrowed from the whole text's normalised form, which [`Doc::new`] builds once.
#[derive(Clone, Copy)]
pub struct Norm<'a> {
    pub chars: &'a [char],
    pub orig: &'a [usize],
}

impl<'a> Norm<'a> {
    /// The view of the doc's chars `start..end`.
    pub fn new(doc: &'a Doc<'_>, start: usize, end: usize) -> Norm<'a> {
        let end = end.min(doc.len());
        let start = start.min(end);
        let a = doc.norm_orig.partition_point(|&o| o < start);
        let b = doc.norm_orig.partition_point(|&o| o < end);
        Norm {
            chars: &doc.norm_chars[a..b],
            orig: &doc.norm_orig[a..b],
        }
    }

    /// First occurrence of `needle` at or after norm index `from`.
    pub fn find(&self, needle: &[char], from: usize) -> Option<usize> {
        find_chars(self.chars, needle, from)
    }

    /// The doc index of norm index `i` (or `fallback` past the end).
    pub fn doc_index(&self, i: usize, fallback: usize) -> usize {
        self.orig.get(i).copied().unwrap_or(fallback)
    }
}

/// Reads the normalised text of successive char ranges of a [`Doc`], walking forwards (the
/// ranges must not go back): what [`norm_chars`] gives for each range's text, without
/// normalising it again.
pub struct NormCursor<'d> {
    chars: &'d [char],
    orig: &'d [usize],
    at: usize,
}

impl<'d> NormCursor<'d> {
    /// A cursor for ranges from the doc's char `from` on.
    pub fn new(doc: &'d Doc<'_>, from: usize) -> NormCursor<'d> {
        NormCursor {
            chars: &doc.norm_chars,
            orig: &doc.norm_orig,
            at: doc.norm_orig.partition_point(|&o| o < from),
        }
    }

    /// The normalised chars of the doc's chars `start..end`.
    pub fn take(&mut self, start: usize, end: usize) -> &'d [char] {
        let orig = self.orig;
        while orig.get(self.at).is_some_and(|&o| o < start) {
            self.at += 1;
        }
        let from = self.at;
        while orig.get(self.at).is_some_and(|&o| o < end) {
            self.at += 1;
        }
        self.chars.get(from..self.at).unwrap_or_default()
    }
}

/// First occurrence of `needle` in `hay` at or after `from`. Blocks of 16 chars without the
/// needle's first char are skipped with one branch (the comparison vectorises): the importers
/// search whole texts for dozens of labels.
pub fn find_chars(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    const BLOCK: usize = 16;
    let first = *needle.first()?;
    let last_start = hay.len().checked_sub(needle.len())?;
    let mut block = from;
    while block <= last_start {
        let stop = (block + BLOCK).min(last_start + 1);
        if hay[block..stop]
            .iter()
            .fold(false, |any, &c| any | (c == first))
        {
            for i in block..stop {
                if hay[i] == first && hay[i..].starts_with(needle) {
                    return Some(i);
                }
            }
        }
        block = stop;
    }
    None
}

/// Width and traditional-character folding: what the normalised view makes of a char before
/// dropping white space and label punctuation.
pub fn fold_char(c: char) -> char {
    fold_traditional(fold_width(c))
}

/// A label in normalised form, as chars.
pub fn norm_chars(s: &str) -> Vec<char> {
    s.chars()
        .map(fold_char)
        .filter(|c| !c.is_whitespace() && !is_label_punct(*c))
        .collect()
}

/// [`norm_chars`] of a label built into the program (template labels, markers, headings),
/// computed once: the importers look up the same few hundred labels on every import.
pub fn norm_static(s: &'static str) -> &'static [char] {
    use std::collections::HashMap;
    use std::hash::BuildHasherDefault;
    use std::sync::{Mutex, OnceLock};
    type Cache = Mutex<HashMap<(usize, usize), &'static [char], BuildHasherDefault<PtrHash>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key = (s.as_ptr() as usize, s.len());
    let cache = CACHE.get_or_init(Default::default);
    // A poisoned lock only means another thread panicked mid-insert; the map is still valid.
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    // Leaked once per distinct static string: the set is finite (the program's own labels).
    map.entry(key)
        .or_insert_with(|| Box::leak(norm_chars(s).into_boxed_slice()))
}

/// The FxHash step for [`norm_static`]'s keys (a pointer and a length): the default SipHash
/// costs more than the lookup it serves, and the keys are not attacker-chosen.
#[derive(Default)]
struct PtrHash(u64);

impl std::hash::Hasher for PtrHash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Doc::new`] as it was written first: the chars and offsets pushed from `char_indices`,
    /// every char folded and tested one by one. Gives (chars, byte_at, line_starts, norm_chars,
    /// norm_orig).
    #[allow(clippy::type_complexity)]
    fn new_plain(text: &str) -> (Vec<char>, Vec<usize>, Vec<usize>, Vec<char>, Vec<usize>) {
        let mut chars = Vec::new();
        let mut byte_at = Vec::new();
        for (b, c) in text.char_indices() {
            chars.push(c);
            byte_at.push(b);
        }
        byte_at.push(text.len());
        let (mut norm_chars, mut norm_orig, mut line_starts) = (Vec::new(), Vec::new(), vec![0]);
        for (i, &c) in chars.iter().enumerate() {
            if c == '\n' {
                line_starts.push(i + 1);
            }
            let c = fold_traditional(fold_width(c));
            if !c.is_whitespace() && !is_label_punct(c) {
                norm_chars.push(c);
                norm_orig.push(i);
            }
        }
        (chars, byte_at, line_starts, norm_chars, norm_orig)
    }

    fn assert_new_is_plain(text: &str) {
        let doc = Doc::new(text);
        let plain = new_plain(text);
        assert_eq!(doc.chars, plain.0, "{text:?}");
        assert_eq!(doc.byte_at, plain.1, "{text:?}");
        assert_eq!(doc.line_starts, plain.2, "{text:?}");
        assert_eq!(doc.norm_chars, plain.3, "{text:?}");
        assert_eq!(doc.norm_orig, plain.4, "{text:?}");
    }

    /// The sized, in-place [`Doc::new`] gives what the plain one does: on generated texts (every
    /// kind of char, newlines anywhere relative to the 64-byte blocks they are counted in) and on
    /// the corpus texts.
    #[test]
    fn new_is_the_plain_reading() {
        let pieces = [
            "\n",
            "\r\n",
            " ",
            "\t",
            "\u{3000}",
            "\u{A0}",
            "\u{200B}",
            "\u{FEFF}",
            "a",
            "Z",
            "7",
            "（",
            "）",
            "(",
            "|",
            "*",
            "#",
            "_",
            "·",
            "：",
            ";",
            "１",
            "Ａ",
            "～",
            "\u{FF01}",
            "\u{FF5E}",
            "\u{FF5F}",
            "开",
            "開",
            "頁",
            "鬥",
            "\u{4E00}",
            "\u{9FFF}",
            "\u{3400}",
            "é",
            "\u{85}",
            "\u{7F}",
            "\u{1}",
            "𠀀",
            "\u{10FFFF}",
            "《",
            "—",
            "－",
        ];
        let mut texts = vec![String::new()];
        let mut seed = 1u32;
        for len in 1..300 {
            let mut t = String::new();
            for _ in 0..len {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                t.push_str(pieces[(seed >> 16) as usize % pieces.len()]);
            }
            texts.push(t);
        }
        for shift in 0..130 {
            texts.push(format!("{}\n{}\n", "a".repeat(shift), "字".repeat(shift)));
        }
        for t in &texts {
            assert_new_is_plain(t);
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");
        let mut read = 0;
        for sub in ["public", "partial", "encodings", "hostile"] {
            let Ok(entries) = std::fs::read_dir(format!("{dir}/{sub}")) else {
                continue;
            };
            for path in entries.flatten().map(|e| e.path()) {
                if let Ok(t) = std::fs::read_to_string(&path) {
                    assert_new_is_plain(&t);
                    read += 1;
                }
            }
        }
        assert!(read > 10, "{read}");
    }

    /// The ASCII table is the fold and the tests it replaces.
    #[test]
    fn ascii_table_is_the_fold() {
        for b in 0..=0x7Fu8 {
            let c = char::from(b);
            let folded = fold_traditional(fold_width(c));
            let kept = (!folded.is_whitespace() && !is_label_punct(folded)).then_some(folded);
            assert_eq!(fold_other(c), kept, "{c:?}");
        }
    }

    #[test]
    fn cursor_reads_what_norm_chars_gives() {
        let text =
            "（一）予以公开\t12\n  二、部分公開（區分處理的）３ ４\u{3000}５\n|a|b|\n－ 7 －";
        let doc = Doc::new(text);
        let mut cursor = NormCursor::new(&doc, 0);
        let mut start = 0;
        for step in [0, 3, 1, 7, 2, 0, 11, 5, 40] {
            let end = (start + step).min(doc.len());
            let plain = norm_chars(doc.slice_str(start, end));
            assert_eq!(cursor.take(start, end), &plain[..], "{start}..{end}");
            start = end + usize::from(step % 2 == 1);
        }
        for from in 0..doc.len() {
            let plain = norm_chars(doc.slice_str(from, from + 4));
            assert_eq!(NormCursor::new(&doc, from).take(from, from + 4), &plain[..]);
        }
    }

    #[test]
    fn block_search_is_plain_search() {
        let hay: Vec<char> = "一二三一二三四一一一二三四五六七八九十一二三四五六七八九十甲乙丙一二"
            .chars()
            .collect();
        let plain = |needle: &[char], from: usize| {
            (from..=hay.len().saturating_sub(needle.len()))
                .find(|&i| hay.len() >= needle.len() && hay[i..].starts_with(needle))
        };
        for n in [
            "一二三四",
            "一二",
            "甲乙丙",
            "九十",
            "丁",
            "一二三四五六七八九十甲",
        ] {
            let needle: Vec<char> = n.chars().collect();
            for from in 0..hay.len() + 2 {
                assert_eq!(
                    find_chars(&hay, &needle, from),
                    plain(&needle, from),
                    "{n} {from}"
                );
            }
        }
        assert_eq!(find_chars(&hay, &[], 0), None);
    }
}
