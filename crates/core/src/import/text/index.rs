//! Every row label form of a table, indexed by char, to score a group's label against all the
//! rows at once. [`labels::score_at`] tries the rows one by one, each candidate form with its
//! own search and filters; [`Scorer::score`] reads the label once, looking up each char:
//! the forms that start there are compared (exact matches), and the forms that hold a char of
//! the fuzzy window count it (how many of a form's chars the window lacks bounds its edit
//! distance from below, so the bit-parallel match runs only where it can accept). The
//! results are the same as `score_at` row by row (tested below).

use super::labels::{self, Cand, FRAGMENT, WINDOW};
use std::ops::Range;

/// The row label forms of one table (a template's section), built once per program.
pub struct RowIndex {
    /// Every candidate form, the forms of each row together.
    forms: Vec<Cand>,
    /// The forms of 6 chars or more: the only ones that may match fuzzily.
    long: Vec<Long>,
    /// The forms of each row (indexes into `forms`).
    rows: Vec<Range<usize>>,
    /// The row of each form.
    row_of: Vec<usize>,
    chars: CharIds,
    /// Per char id: the forms that start with that char.
    starts: Vec<Vec<Start>>,
    /// Per char id: the forms holding that char.
    holds: Vec<Vec<Held>>,
    /// Per char id: the [`Long`] forms holding that char (what the fuzzy tests count), and
    /// where, in a list of its own: counting reads the first list for every char of a label's
    /// window, and is the scorer's hottest loop (8-byte entries instead of 16).
    holds_long: Vec<Vec<HeldLong>>,
    /// `holds_long[id][k]`'s places: bit `p` for char `p` of the form (the first 64).
    holds_long_at: Vec<Vec<u64>>,
}

/// A form of 6 chars or more, with what its fuzzy tests need.
struct Long {
    form: usize,
    row: usize,
    len: usize,
    /// How many of its chars the window must hold for the distance to be small enough:
    /// `(len - in_window) * 4 <= len` (see `labels::score_at`).
    min_in: u32,
    /// For a form of at most [`MAX_FAST`] chars: the places `k - 1` where the label's last
    /// char may end a wrapped label made of the form's first `k` chars, `wrap_min <= k < len`
    /// (see `labels::fuzzy` and `labels::wrap_min`).
    wrap_at: u64,
}

/// A form starting with a char.
#[derive(Clone, Copy)]
struct Start {
    form: usize,
    /// The form's second char (`'\0'` for a form of one char: no label char is NUL there,
    /// see [`Start::at`]).
    second: char,
}

impl Start {
    /// The form occurs in `label` from `i` (whose char is the form's first).
    fn at(&self, forms: &[Cand], label: &[char], i: usize) -> bool {
        let form = &forms[self.form].chars;
        match label.get(i + 1) {
            // A second char that differs settles most forms without a slice comparison.
            Some(&c) if self.second != '\0' && c != self.second => false,
            _ => label[i..].starts_with(form),
        }
    }
}

/// A char held by a form.
#[derive(Clone, Copy)]
struct Held {
    form: usize,
    /// Where: bit `p` for char `p` of the form (the first 64).
    at: u64,
}

/// A char held by a [`Long`] form.
#[derive(Clone, Copy)]
struct HeldLong {
    /// The index of the form in [`RowIndex::long`].
    long: u32,
    /// How many times: added to [`FormSeen::in_window`].
    count: u32,
}

/// Forms longer than this are scored by the plain `labels::fuzzy` (positions are bit masks).
const MAX_FAST: usize = 64;

/// The distinct chars of the forms, numbered: an open-addressing hash table (a label char is
/// found, or found absent, in one or two probes).
struct CharIds {
    /// `(char, id)`, `'\0'` for an empty slot (no form holds NUL).
    slots: Vec<(char, u32)>,
    /// `slots.len() - 1` (a power of two minus one).
    mask: usize,
    /// How far right a hash is shifted to index the table.
    shift: u32,
}

impl CharIds {
    fn new(distinct: &[char]) -> CharIds {
        let size = (distinct.len() * 2).next_power_of_two().max(16);
        let mut ids = CharIds {
            slots: vec![('\0', 0); size],
            mask: size - 1,
            shift: 32 - size.trailing_zeros(),
        };
        for (id, &c) in distinct.iter().enumerate() {
            let mut at = ids.home(c);
            while ids.slots[at].0 != '\0' {
                at = (at + 1) & ids.mask;
            }
            ids.slots[at] = (c, id as u32);
        }
        ids
    }

    fn home(&self, c: char) -> usize {
        (u32::from(c).wrapping_mul(0x9E37_79B1) >> self.shift) as usize
    }

    fn get(&self, c: char) -> Option<usize> {
        if c == '\0' {
            return None;
        }
        let mut at = self.home(c);
        loop {
            let (k, id) = *self.slots.get(at)?;
            if k == c {
                return Some(id as usize);
            }
            if k == '\0' {
                return None;
            }
            at = (at + 1) & self.mask;
        }
    }
}

impl RowIndex {
    /// The index of rows given by their candidate forms (see `labels::candidates`).
    pub fn new<'a>(rows: impl IntoIterator<Item = &'a [Cand]>) -> RowIndex {
        let mut forms = Vec::new();
        let mut ranges = Vec::new();
        for cands in rows {
            let from = forms.len();
            forms.extend(cands.iter().map(|c| Cand::new(c.chars.clone())));
            ranges.push(from..forms.len());
        }
        let mut distinct: Vec<char> = forms.iter().flat_map(|f| f.chars.iter().copied()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let chars = CharIds::new(&distinct);
        let mut starts = vec![Vec::new(); distinct.len()];
        let mut holds: Vec<Vec<Held>> = vec![Vec::new(); distinct.len()];
        for (f, form) in forms.iter().enumerate() {
            if let Some(id) = form.chars.first().and_then(|&c| chars.get(c)) {
                starts[id].push(Start {
                    form: f,
                    second: form.chars.get(1).copied().unwrap_or('\0'),
                });
            }
            for (p, &c) in form.chars.iter().enumerate() {
                let Some(id) = chars.get(c) else { continue };
                let bit = if p < MAX_FAST { 1u64 << p } else { 0 };
                match holds[id].last_mut() {
                    Some(h) if h.form == f => h.at |= bit,
                    _ => holds[id].push(Held { form: f, at: bit }),
                }
            }
        }
        let row_of: Vec<usize> = ranges
            .iter()
            .enumerate()
            .flat_map(|(row, r)| r.clone().map(move |_| row))
            .collect();
        let long: Vec<Long> = forms
            .iter()
            .zip(&row_of)
            .enumerate()
            .filter(|(_, (f, _))| f.chars.len() >= 6)
            .map(|(form, (f, &row))| {
                let len = f.chars.len();
                Long {
                    form,
                    row,
                    len,
                    min_in: (len - len / 4) as u32,
                    wrap_at: wrap_places(&f.chars),
                }
            })
            .collect();
        let mut holds_long: Vec<Vec<HeldLong>> = vec![Vec::new(); distinct.len()];
        let mut holds_long_at: Vec<Vec<u64>> = vec![Vec::new(); distinct.len()];
        for (li, l) in long.iter().enumerate() {
            for (p, &c) in forms[l.form].chars.iter().enumerate() {
                let Some(id) = chars.get(c) else { continue };
                let bit = if p < MAX_FAST { 1u64 << p } else { 0 };
                match (holds_long[id].last_mut(), holds_long_at[id].last_mut()) {
                    (Some(h), Some(at)) if h.long == li as u32 => {
                        h.count += 1;
                        *at |= bit;
                    }
                    _ => {
                        holds_long[id].push(HeldLong {
                            long: li as u32,
                            count: 1,
                        });
                        holds_long_at[id].push(bit);
                    }
                }
            }
        }
        RowIndex {
            forms,
            long,
            rows: ranges,
            row_of,
            chars,
            starts,
            holds,
            holds_long,
            holds_long_at,
        }
    }

    /// A scorer of labels against this index, its buffers reused from label to label.
    pub fn scorer(&self) -> Scorer<'_> {
        Scorer {
            index: self,
            forms: Vec::new(),
            counted: Vec::new(),
            exact_rows: Vec::new(),
            ids: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// [`Scorer::score`] with a scorer of its own.
    #[cfg(test)]
    pub fn score(&self, label: &[char]) -> Vec<(i32, usize)> {
        self.scorer().score(label)
    }
}

/// Scores labels against a [`RowIndex`] (see [`Scorer::score`]).
pub struct Scorer<'i> {
    index: &'i RowIndex,
    /// What the current label's reading found, per form.
    forms: Vec<FormSeen>,
    /// Per char id: already counted in the current label's window.
    counted: Vec<bool>,
    /// Per row: the current label holds one of its forms exactly.
    exact_rows: Vec<bool>,
    /// The current label's chars as char ids (`None`: in no form).
    ids: Vec<Option<u32>>,
    /// Row scores nobody reads (the exact ones of [`Scorer::reaches_fuzzy`]).
    scratch: Vec<(i32, usize)>,
}

impl Scorer<'_> {
    /// [`labels::score_at`] of `label` for every row, in row order.
    ///
    /// `score_at` takes a row's exact occurrences first, its fuzzy matches only when it has
    /// none, and the label as a piece of a form only when it has neither. Here the exact
    /// occurrences are scored while the label is read, then the fuzzy tests and the pieces are
    /// one pass each over the forms; most forms fail a test's cheap precondition.
    pub fn score(&mut self, label: &[char]) -> Vec<(i32, usize)> {
        let index = self.index;
        let mut out = vec![(0, 0); index.rows.len()];
        if label.is_empty() {
            return out;
        }
        let seen = self.read(label, &mut out);
        self.exact_rows.clear();
        self.exact_rows.extend(out.iter().map(|b| b.0 != 0));
        for (l, s) in index.long.iter().zip(&self.forms) {
            // Each char the window lacks is an edit; the other fuzzy test needs the label's
            // last char in the form.
            let possible = s.in_window >= l.min_in;
            let wrap_at = s.last_at & l.wrap_at;
            if !possible && wrap_at == 0 && !(l.len > MAX_FAST && s.has_last) {
                continue;
            }
            if self.exact_rows[l.row] {
                continue;
            }
            let form = &index.forms[l.form];
            let best = &mut out[l.row];
            if l.len > MAX_FAST {
                *best = (*best).max(labels::fuzzy(label, form, possible));
                continue;
            }
            if possible {
                let (d, end) = self.distance_at(l.form, l.len, label.len());
                if d * 4 <= l.len {
                    *best = (*best).max((labels::FUZZY, end));
                }
            }
            if wrapped_start(label, &form.chars, wrap_at) {
                *best = (*best).max((labels::FUZZY, label.len()));
            }
        }
        if let (true, false, Some(last)) = (label.len() >= 3, seen.unknown, seen.last) {
            // A form holding the whole label holds its last char.
            for h in &index.holds[last] {
                let (form, row) = (&index.forms[h.form], index.row_of[h.form]);
                if form.chars.len() >= label.len()
                    && out[row].0 == 0
                    && seen.piece_of(&form.chars, h.at)
                {
                    out[row] = (FRAGMENT, label.len());
                }
            }
        }
        out
    }

    /// `self.score(label)` reaches [`labels::FUZZY`] for some row, found without scoring
    /// every row: an exact occurrence of any form answers at once (before the fuzzy window is
    /// read), else the fuzzy tests stop at the first match and the pieces (scored below
    /// `FUZZY`) are not looked for.
    pub fn reaches_fuzzy(&mut self, label: &[char]) -> bool {
        let index = self.index;
        if label.is_empty() {
            return false;
        }
        for (i, &c) in label.iter().enumerate() {
            let Some(id) = index.chars.get(c) else {
                continue;
            };
            for st in &index.starts[id] {
                if st.at(&index.forms, label, i) {
                    return true;
                }
            }
        }
        let mut out = std::mem::take(&mut self.scratch);
        out.clear();
        out.resize(index.rows.len(), (0, 0));
        self.read(label, &mut out);
        self.scratch = out;
        index.long.iter().zip(&self.forms).any(|(l, s)| {
            let possible = s.in_window >= l.min_in;
            let wrap_at = s.last_at & l.wrap_at;
            let form = &index.forms[l.form];
            if l.len > MAX_FAST {
                return (possible || s.has_last) && labels::fuzzy(label, form, possible).0 > 0;
            }
            (possible && {
                let (d, _) = self.distance_at(l.form, l.len, label.len());
                d * 4 <= l.len
            }) || (wrap_at != 0 && wrapped_start(label, &form.chars, wrap_at))
        })
    }

    /// `labels::semi_global_distance_at` of form `f` (of `len` chars, at most [`MAX_FAST`])
    /// in the label just read: the same bit-parallel match, each label char's mask of the
    /// form's positions taken from the index instead of a scan of the form.
    fn distance_at(&self, f: usize, len: usize, label_len: usize) -> (usize, usize) {
        let holds = &self.index.holds;
        let off = label_len.saturating_sub(WINDOW);
        let eqs = self.ids.get(off..).unwrap_or_default().iter().map(|id| {
            id.and_then(|id| {
                let held = holds.get(id as usize)?;
                // A char's forms are listed in form order.
                let k = held.binary_search_by_key(&f, |h| h.form).ok()?;
                Some(held[k].at)
            })
            .unwrap_or(0)
        });
        let (d, end) = labels::myers_eqs(len, eqs);
        (d, off + end)
    }

    /// Reads the label once: scores the forms it holds exactly into `out`, fills `self.forms`,
    /// and returns what concerns the whole label.
    fn read<'l>(&mut self, label: &'l [char], out: &mut [(i32, usize)]) -> Seen<'l> {
        let index = self.index;
        let forms = &mut self.forms;
        forms.clear();
        forms.resize(index.long.len(), FormSeen::default());
        let counted = &mut self.counted;
        counted.clear();
        counted.resize(index.starts.len(), false);
        let mut unknown = false;
        let window_from = label.len().saturating_sub(WINDOW);
        self.ids.clear();
        self.ids.extend(
            label
                .iter()
                .map(|&c| index.chars.get(c).map(|id| id as u32)),
        );
        for (i, &id) in self.ids.iter().enumerate() {
            let Some(id) = id.map(|id| id as usize) else {
                unknown = true;
                continue;
            };
            for st in &index.starts[id] {
                let (f, form) = (st.form, &index.forms[st.form]);
                if st.at(&index.forms, label, i) {
                    // Of several occurrences, the last scores highest (its end is larger).
                    let row = index.row_of[f];
                    out[row] = out[row].max(labels::exact(label, form, i + form.chars.len()));
                }
            }
            if i >= window_from && !counted[id] {
                counted[id] = true;
                for h in &index.holds_long[id] {
                    forms[h.long as usize].in_window += h.count;
                }
            }
        }
        let last = label.last().and_then(|&c| index.chars.get(c));
        if let Some(id) = last {
            for (h, &at) in index.holds_long[id].iter().zip(&index.holds_long_at[id]) {
                forms[h.long as usize].has_last = true;
                forms[h.long as usize].last_at = at;
            }
        }
        Seen {
            label,
            unknown,
            last,
        }
    }
}

/// The places of a form (of at most [`MAX_FAST`] chars) where a wrapped label may end: bit
/// `k - 1` for `wrap_min <= k < len`.
fn wrap_places(form: &[char]) -> u64 {
    let (lo, hi) = (
        labels::wrap_min(form).max(1) - 1,
        form.len().saturating_sub(1),
    );
    if lo >= hi || form.len() > MAX_FAST {
        return 0;
    }
    (u64::MAX >> (64 - hi)) & (u64::MAX << lo)
}

/// The wrapped-label test of `labels::fuzzy` for a form of at most [`MAX_FAST`] chars: the
/// label ends with the form's first `p + 1` chars for a bit `p` of `at` (the places of the
/// label's last char in the form, among [`wrap_places`]).
fn wrapped_start(label: &[char], form: &[char], mut at: u64) -> bool {
    while at != 0 {
        let p = 63 - at.leading_zeros() as usize;
        if label.ends_with(&form[..=p]) {
            return true;
        }
        at &= !(1u64 << p);
    }
    false
}

/// What one reading of a label found, per [`Long`] form.
#[derive(Clone, Copy, Default)]
struct FormSeen {
    /// How many of the form's chars (with repeats) the fuzzy window holds.
    in_window: u32,
    /// The form holds the label's last char …
    has_last: bool,
    /// … there (bit `p`: char `p` of the form, the first 64).
    last_at: u64,
}

/// What one reading of a label found about the whole label.
struct Seen<'l> {
    label: &'l [char],
    /// A char of the label is in no form: the label is no piece of any.
    unknown: bool,
    /// The char id of the label's last char.
    last: Option<usize>,
}

impl Seen<'_> {
    /// The whole label is a piece of `form` (a wrapped line), which holds the label's last
    /// char at `last_at` (bit `p`: char `p` of the form, the first [`MAX_FAST`]): the piece
    /// ends at one of them, only those are compared (`labels::find` for a longer form).
    fn piece_of(&self, form: &[char], mut last_at: u64) -> bool {
        let len = self.label.len();
        if self.unknown || form.len() < len || len == 0 {
            return false;
        }
        if form.len() > MAX_FAST {
            return labels::find(form, self.label).is_some();
        }
        // Ends before `len - 1` leave no room for the label.
        last_at &= u64::MAX << (len - 1);
        while last_at != 0 {
            let p = last_at.trailing_zeros() as usize;
            if form[p + 1 - len..=p] == *self.label {
                return true;
            }
            last_at &= last_at - 1;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::tables::specs;
    use super::*;
    use crate::model::TemplateId;

    /// Labels made of pieces of the template's own labels: whole forms, cut, joined, wrapped,
    /// mistyped, with noise before and after, and longer than the fuzzy window.
    fn labels_for(forms: &[Vec<char>]) -> Vec<Vec<char>> {
        let mut out: Vec<Vec<char>> = vec![Vec::new(), vec!['一'], "本年度".chars().collect()];
        let noise: Vec<char> = "申请人情况自然人商业企业12345三其他".chars().collect();
        let mut seed = 12345u64;
        let mut rnd = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n.max(1)
        };
        for (k, f) in forms.iter().enumerate() {
            let next = &forms[(k + 1) % forms.len()];
            out.push(f.clone());
            out.push([&noise[..], f].concat());
            out.push([f, &next[..]].concat());
            out.push([&next[..], f, &noise[..3]].concat());
            out.push(f[..f.len() / 2].to_vec());
            out.push(f[f.len() / 3..].to_vec());
            out.push([&noise[..], &f[..(2 * f.len()).div_ceil(3)]].concat());
            for _ in 0..4 {
                let mut t = f.clone();
                for _ in 0..=rnd(3) {
                    let p = rnd(t.len());
                    match rnd(3) {
                        0 => t[p] = noise[rnd(noise.len())],
                        1 => {
                            t.remove(p);
                        }
                        _ => t.insert(p, noise[rnd(noise.len())]),
                    }
                }
                out.push([&noise[..rnd(noise.len())], &t[..]].concat());
            }
            let long: Vec<char> = forms
                .iter()
                .cycle()
                .skip(k)
                .take(4)
                .flatten()
                .copied()
                .collect();
            out.push(long.clone());
            out.push(long[long.len().saturating_sub(80)..].to_vec());
            out.push(long[long.len().saturating_sub(61)..].to_vec());
        }
        out
    }

    #[test]
    fn index_scores_are_score_at() {
        // Every kind of score turns up (exact, fuzzy, fragment, none).
        let mut kinds = std::collections::BTreeSet::new();
        for t in [TemplateId::V2019, TemplateId::V2021] {
            for section in 2..=4 {
                let specs = specs(t, section);
                let index = RowIndex::new(specs.iter().map(|s| &s.cands[..]));
                let forms: Vec<Vec<char>> = specs
                    .iter()
                    .flat_map(|s| s.cands.iter().map(|c| c.chars.clone()))
                    .collect();
                // One scorer for every label too: nothing of a label stays for the next.
                let mut shared = index.scorer();
                for label in labels_for(&forms) {
                    let probe = labels::Probe::new(&label);
                    let plain: Vec<(i32, usize)> = specs
                        .iter()
                        .map(|s| labels::score_at(&probe, &s.cands))
                        .collect();
                    let label_text: String = label.iter().collect();
                    assert_eq!(index.score(&label), plain, "{t:?} s{section} {label_text}");
                    assert_eq!(shared.score(&label), plain, "{t:?} s{section} {label_text}");
                    assert_eq!(
                        shared.reaches_fuzzy(&label),
                        plain.iter().any(|s| s.0 >= labels::FUZZY),
                        "{t:?} s{section} {label_text}"
                    );
                    assert_eq!(
                        index.scorer().reaches_fuzzy(&label),
                        plain.iter().any(|s| s.0 >= labels::FUZZY),
                        "{t:?} s{section} {label_text}"
                    );
                    kinds.extend(plain.iter().map(|s| s.0.min(labels::STRONG)));
                }
            }
        }
        assert_eq!(
            kinds.into_iter().collect::<Vec<_>>(),
            [0, FRAGMENT, labels::FUZZY, labels::STRONG]
        );
    }
}
