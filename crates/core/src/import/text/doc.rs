//! The decoded text as characters with positions, and a "normalised view" of it in which labels
//! can be searched whatever their width, traditional characters, spacing or punctuation.

use crate::finding::Source;
use crate::text::{fold_traditional, fold_width, is_label_punct};

/// The text as characters; positions are char indexes.
pub struct Doc {
    pub chars: Vec<char>,
    line_starts: Vec<usize>,
}

impl Doc {
    pub fn new(text: &str) -> Doc {
        let chars: Vec<char> = text.chars().collect();
        let mut line_starts = vec![0];
        for (i, c) in chars.iter().enumerate() {
            if *c == '\n' {
                line_starts.push(i + 1);
            }
        }
        Doc { chars, line_starts }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
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
        let end = end.min(self.chars.len());
        let start = start.min(end);
        self.chars[start..end].iter().collect()
    }
}

/// A normalised copy of a range of the text: widths and traditional characters folded, white
/// space and label punctuation dropped; `orig[i]` is the char index in the [`Doc`] of `chars[i]`.
pub struct Norm {
    pub chars: Vec<char>,
    pub orig: Vec<usize>,
}

impl Norm {
    pub fn new(doc: &Doc, start: usize, end: usize) -> Norm {
        let end = end.min(doc.len());
        let mut chars = Vec::new();
        let mut orig = Vec::new();
        let mut fold = Folder::default();
        for (i, c) in doc.chars.iter().enumerate().take(end).skip(start.min(end)) {
            let c = fold.fold(*c);
            if c.is_whitespace() || is_label_punct(c) {
                continue;
            }
            chars.push(c);
            orig.push(i);
        }
        Norm { chars, orig }
    }

    /// First occurrence of `needle` at or after norm index `from`.
    pub fn find(&self, needle: &[char], from: usize) -> Option<usize> {
        let first = *needle.first()?;
        let last_start = self.chars.len().checked_sub(needle.len())?;
        (from..=last_start).find(|&i| self.chars[i] == first && self.chars[i..].starts_with(needle))
    }

    /// The doc index of norm index `i` (or `fallback` past the end).
    pub fn doc_index(&self, i: usize, fallback: usize) -> usize {
        self.orig.get(i).copied().unwrap_or(fallback)
    }
}

/// Width and traditional-character folding (`fold_traditional` rejects most chars with a
/// bitmap, cheaper than a cache lookup).
#[derive(Default)]
pub struct Folder {}

impl Folder {
    pub fn fold(&mut self, c: char) -> char {
        fold_traditional(fold_width(c))
    }
}

/// A label in normalised form, as chars.
pub fn norm_chars(s: &str) -> Vec<char> {
    crate::text::normalize_label(s).chars().collect()
}
