//! LOCATOR: when the arithmetic identities of a table fail, find the smallest sets of cells
//! whose change makes every identity hold, and the value each should have.
//!
//! An identity is Σ coef·cell = 0 over numeric cells. Identities that involve a cell without a
//! number are not evaluable and are left out; such cells are never suspects. A fix must keep
//! every count non-negative. Sets of one cell are tried first, then two, then three (three only
//! over the cells of failing identities, and only while that stays small).

/// Σ coef·value = 0, terms as (cell index, coefficient ±1).
pub(crate) struct Identity {
    pub terms: Vec<(usize, i64)>,
}

/// Every minimal fix, each as (cell index, value it should have). Empty when every identity
/// holds or no fix of at most `max_k` cells exists.
pub(crate) fn locate(
    vals: &[Option<i64>],
    ids: &[Identity],
    max_k: usize,
) -> Vec<Vec<(usize, i64)>> {
    let live: Vec<&Identity> = ids
        .iter()
        .filter(|id| {
            id.terms
                .iter()
                .all(|&(i, _)| vals.get(i).copied().flatten().is_some())
        })
        .collect();
    let residual = |id: &Identity| -> i64 {
        id.terms
            .iter()
            .map(|&(i, c)| c * vals.get(i).copied().flatten().unwrap_or(0))
            .sum()
    };
    let res: Vec<i64> = live.iter().map(|id| residual(id)).collect();
    if res.iter().all(|&r| r == 0) {
        return Vec::new();
    }
    // Identities each cell takes part in.
    let mut member: Vec<Vec<usize>> = vec![Vec::new(); vals.len()];
    for (k, id) in live.iter().enumerate() {
        for &(i, _) in &id.terms {
            if let Some(m) = member.get_mut(i) {
                m.push(k);
            }
        }
    }
    let mut candidates: Vec<usize> = Vec::new();
    for (k, id) in live.iter().enumerate() {
        if res.get(k).copied().unwrap_or(0) != 0 {
            candidates.extend(id.terms.iter().map(|&(i, _)| i));
        }
    }
    candidates.sort_unstable();
    candidates.dedup();

    // Two tests `solve` would fail, made on bits when there are at most 64 identities, each
    // without a cell twice: a set is no fix when it leaves a failing identity untouched, or
    // when an identity that holds has exactly one of its cells (that cell's change would
    // have to be 0).
    let small = live.len() <= 64
        && live.iter().all(|id| {
            id.terms
                .iter()
                .enumerate()
                .all(|(n, &(i, _))| id.terms.iter().skip(n + 1).all(|&(j, _)| j != i))
        });
    let bits = |ks: &mut dyn Iterator<Item = usize>| -> u64 {
        ks.fold(0, |m, k| m | 1u64.checked_shl(k as u32).unwrap_or(0))
    };
    let failing = bits(&mut (0..res.len()).filter(|&k| res.get(k) != Some(&0)));
    let holding = bits(&mut (0..res.len()).filter(|&k| res.get(k) == Some(&0)));
    let mask: Vec<u64> = member
        .iter()
        .map(|m| bits(&mut m.iter().copied()))
        .collect();
    let may_fix = |set: &[usize]| -> bool {
        if !small {
            return true;
        }
        // The identities the set touches, and those it touches more than once.
        let (mut once, mut twice) = (0u64, 0u64);
        for &i in set {
            let m = mask.get(i).copied().unwrap_or(0);
            twice |= once & m;
            once |= m;
        }
        failing & !once == 0 && holding & once & !twice == 0
    };

    let solve = |set: &[usize]| -> Option<Vec<(usize, i64)>> {
        // Every failing identity must touch the set.
        for (k, &r) in res.iter().enumerate() {
            if r != 0
                && !set
                    .iter()
                    .any(|i| member.get(*i).is_some_and(|m| m.contains(&k)))
            {
                return None;
            }
        }
        let mut delta: Vec<Option<i64>> = vec![None; set.len()];
        let touching: Vec<usize> = (0..live.len())
            .filter(|k| {
                set.iter()
                    .any(|i| member.get(*i).is_some_and(|m| m.contains(k)))
            })
            .collect();
        loop {
            let mut progress = false;
            for &k in &touching {
                let id = live.get(k)?;
                let mut unknown = None;
                let mut n_unknown = 0;
                let mut acc = res.get(k).copied().unwrap_or(0);
                for &(i, c) in &id.terms {
                    if let Some(p) = set.iter().position(|&s| s == i) {
                        match delta.get(p).copied().flatten() {
                            Some(d) => acc += c * d,
                            None => {
                                n_unknown += 1;
                                unknown = Some((p, c));
                            }
                        }
                    }
                }
                if n_unknown == 1 {
                    if let Some((p, c)) = unknown {
                        // acc + c·d = 0 with c = ±1.
                        if let Some(slot) = delta.get_mut(p) {
                            *slot = Some(-acc * c);
                            progress = true;
                        }
                    }
                }
            }
            if !progress {
                break;
            }
        }
        let mut fix = Vec::with_capacity(set.len());
        for (p, &i) in set.iter().enumerate() {
            let d = delta.get(p).copied().flatten()?;
            if d == 0 {
                return None;
            }
            let v = vals.get(i).copied().flatten()?.checked_add(d)?;
            if v < 0 {
                return None;
            }
            fix.push((i, v));
        }
        for &k in &touching {
            let id = live.get(k)?;
            let mut acc = res.get(k).copied().unwrap_or(0);
            for &(i, c) in &id.terms {
                if let Some(p) = set.iter().position(|&s| s == i) {
                    acc += c * delta.get(p).copied().flatten()?;
                }
            }
            if acc != 0 {
                return None;
            }
        }
        Some(fix)
    };

    let numeric: Vec<usize> = (0..vals.len())
        .filter(|&i| vals.get(i).copied().flatten().is_some())
        .collect();
    let mut out = Vec::new();
    for &a in &numeric {
        if !may_fix(&[a]) {
            continue;
        }
        if let Some(f) = solve(&[a]) {
            out.push(f);
        }
    }
    if !out.is_empty() || max_k < 2 {
        return out;
    }
    // Each cell's index in `candidates`: a pair of two candidates is tried once.
    let mut rank: Vec<Option<usize>> = vec![None; vals.len()];
    for (x, &c) in candidates.iter().enumerate() {
        if let Some(r) = rank.get_mut(c) {
            *r = Some(x);
        }
    }
    for (x, &a) in candidates.iter().enumerate() {
        for &b in &numeric {
            if b == a || rank.get(b).copied().flatten().is_some_and(|y| y < x) {
                continue;
            }
            if !may_fix(&[a, b]) {
                continue;
            }
            if let Some(f) = solve(&[a, b]) {
                out.push(f);
            }
        }
    }
    if !out.is_empty() || max_k < 3 || candidates.len() > 80 {
        return out;
    }
    for x in 0..candidates.len() {
        for y in x + 1..candidates.len() {
            for z in y + 1..candidates.len() {
                let (Some(&a), Some(&b), Some(&c)) =
                    (candidates.get(x), candidates.get(y), candidates.get(z))
                else {
                    continue;
                };
                if !may_fix(&[a, b, c]) {
                    continue;
                }
                if let Some(f) = solve(&[a, b, c]) {
                    out.push(f);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain [`locate`]: every set tried by `solve` in full.
    fn plain_locate(
        vals: &[Option<i64>],
        ids: &[Identity],
        max_k: usize,
    ) -> Vec<Vec<(usize, i64)>> {
        let live: Vec<&Identity> = ids
            .iter()
            .filter(|id| {
                id.terms
                    .iter()
                    .all(|&(i, _)| vals.get(i).copied().flatten().is_some())
            })
            .collect();
        let residual = |id: &Identity| -> i64 {
            id.terms
                .iter()
                .map(|&(i, c)| c * vals.get(i).copied().flatten().unwrap_or(0))
                .sum()
        };
        let res: Vec<i64> = live.iter().map(|id| residual(id)).collect();
        if res.iter().all(|&r| r == 0) {
            return Vec::new();
        }
        // Identities each cell takes part in.
        let mut member: Vec<Vec<usize>> = vec![Vec::new(); vals.len()];
        for (k, id) in live.iter().enumerate() {
            for &(i, _) in &id.terms {
                if let Some(m) = member.get_mut(i) {
                    m.push(k);
                }
            }
        }
        let mut candidates: Vec<usize> = Vec::new();
        for (k, id) in live.iter().enumerate() {
            if res.get(k).copied().unwrap_or(0) != 0 {
                candidates.extend(id.terms.iter().map(|&(i, _)| i));
            }
        }
        candidates.sort_unstable();
        candidates.dedup();

        let solve = |set: &[usize]| -> Option<Vec<(usize, i64)>> {
            // Every failing identity must touch the set.
            for (k, &r) in res.iter().enumerate() {
                if r != 0
                    && !set
                        .iter()
                        .any(|i| member.get(*i).is_some_and(|m| m.contains(&k)))
                {
                    return None;
                }
            }
            let mut delta: Vec<Option<i64>> = vec![None; set.len()];
            let touching: Vec<usize> = (0..live.len())
                .filter(|k| {
                    set.iter()
                        .any(|i| member.get(*i).is_some_and(|m| m.contains(k)))
                })
                .collect();
            loop {
                let mut progress = false;
                for &k in &touching {
                    let id = live.get(k)?;
                    let mut unknown = None;
                    let mut n_unknown = 0;
                    let mut acc = res.get(k).copied().unwrap_or(0);
                    for &(i, c) in &id.terms {
                        if let Some(p) = set.iter().position(|&s| s == i) {
                            match delta.get(p).copied().flatten() {
                                Some(d) => acc += c * d,
                                None => {
                                    n_unknown += 1;
                                    unknown = Some((p, c));
                                }
                            }
                        }
                    }
                    if n_unknown == 1 {
                        if let Some((p, c)) = unknown {
                            // acc + c·d = 0 with c = ±1.
                            if let Some(slot) = delta.get_mut(p) {
                                *slot = Some(-acc * c);
                                progress = true;
                            }
                        }
                    }
                }
                if !progress {
                    break;
                }
            }
            let mut fix = Vec::with_capacity(set.len());
            for (p, &i) in set.iter().enumerate() {
                let d = delta.get(p).copied().flatten()?;
                if d == 0 {
                    return None;
                }
                let v = vals.get(i).copied().flatten()?.checked_add(d)?;
                if v < 0 {
                    return None;
                }
                fix.push((i, v));
            }
            for &k in &touching {
                let id = live.get(k)?;
                let mut acc = res.get(k).copied().unwrap_or(0);
                for &(i, c) in &id.terms {
                    if let Some(p) = set.iter().position(|&s| s == i) {
                        acc += c * delta.get(p).copied().flatten()?;
                    }
                }
                if acc != 0 {
                    return None;
                }
            }
            Some(fix)
        };

        let numeric: Vec<usize> = (0..vals.len())
            .filter(|&i| vals.get(i).copied().flatten().is_some())
            .collect();
        let mut out = Vec::new();
        for &a in &numeric {
            if let Some(f) = solve(&[a]) {
                out.push(f);
            }
        }
        if !out.is_empty() || max_k < 2 {
            return out;
        }
        for (x, &a) in candidates.iter().enumerate() {
            for &b in &numeric {
                if b == a
                    || (candidates.contains(&b)
                        && candidates.iter().position(|&c| c == b) < Some(x))
                {
                    continue;
                }
                if let Some(f) = solve(&[a, b]) {
                    out.push(f);
                }
            }
        }
        if !out.is_empty() || max_k < 3 || candidates.len() > 80 {
            return out;
        }
        for x in 0..candidates.len() {
            for y in x + 1..candidates.len() {
                for z in y + 1..candidates.len() {
                    let (Some(&a), Some(&b), Some(&c)) =
                        (candidates.get(x), candidates.get(y), candidates.get(z))
                    else {
                        continue;
                    };
                    if let Some(f) = solve(&[a, b, c]) {
                        out.push(f);
                    }
                }
            }
        }
        out
    }

    /// `locate` against the plain version on tables with a few cells changed at random.
    #[test]
    fn locate_is_the_plain_one() {
        use crate::model::TemplateId;
        use crate::rules::view::{S3Layout, View, S3_COLS};
        // A small xorshift: the same tables on every run.
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for t in [TemplateId::V2021, TemplateId::V2019] {
            let l = S3Layout::get(t);
            let ids = View::s3_identities(l);
            let n = l.rows.len() * S3_COLS;
            for round in 0..40 {
                // A balanced table: each applicant column adds up, and each row.
                let mut vals = vec![Some(0i64); n];
                for c in 0..S3_COLS - 1 {
                    let results: Vec<i64> = l.results.iter().map(|_| (next() % 4) as i64).collect();
                    let sum: i64 = results.iter().sum();
                    for (&r, &v) in l.results.iter().zip(&results) {
                        vals[r * S3_COLS + c] = Some(v);
                    }
                    vals[l.r3_7 * S3_COLS + c] = Some(sum);
                    vals[l.r1 * S3_COLS + c] = Some(sum);
                }
                for r in 0..l.rows.len() {
                    let row: i64 = (0..S3_COLS - 1)
                        .map(|c| vals[r * S3_COLS + c].unwrap_or(0))
                        .sum();
                    vals[r * S3_COLS + S3_COLS - 1] = Some(row);
                }
                // Then 1 to 4 cells changed, and sometimes one left blank.
                for _ in 0..1 + round % 4 {
                    let i = (next() % n as u64) as usize;
                    vals[i] = Some((next() % 7) as i64);
                }
                if round % 5 == 0 {
                    let i = (next() % n as u64) as usize;
                    vals[i] = None;
                }
                for max_k in 1..=3 {
                    assert_eq!(
                        locate(&vals, &ids, max_k),
                        plain_locate(&vals, &ids, max_k),
                        "{t} {round}"
                    );
                }
            }
        }
    }

    fn sum4() -> Vec<Identity> {
        vec![Identity {
            terms: vec![(4, 1), (0, -1), (1, -1), (2, -1), (3, -1)],
        }]
    }

    #[test]
    fn a_zero_total_is_the_suspect() {
        let vals = [Some(10), Some(1), Some(0), Some(0), Some(0)];
        assert_eq!(locate(&vals, &sum4(), 2), vec![vec![(4, 11)]]);
    }

    #[test]
    fn a_total_too_small_by_one_is_undecided() {
        let vals = [Some(10), Some(1), Some(0), Some(0), Some(12)];
        let fixes = locate(&vals, &sum4(), 2);
        assert!(fixes.len() > 1);
        assert!(fixes.contains(&vec![(4, 11)]));
        assert!(fixes.contains(&vec![(0, 11)]));
    }

    #[test]
    fn nothing_when_every_identity_holds() {
        let vals = [Some(10), Some(1), Some(0), Some(0), Some(11)];
        assert!(locate(&vals, &sum4(), 2).is_empty());
    }

    #[test]
    fn unknown_cells_are_left_out() {
        let vals = [None, Some(1), Some(0), Some(0), Some(0)];
        assert!(locate(&vals, &sum4(), 2).is_empty());
    }
}
