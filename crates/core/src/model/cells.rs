//! [`Cells`]: a report's cells by key, the `cells` object of DATA.md.

use std::borrow::Cow;
use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::CellValue;

/// A cell key (`s3.r1.natural`): borrowed from the template when an importer wrote the cell,
/// owned when it was read from a document or typed.
pub type CellKey = Cow<'static, str>;

/// A report's cells by key, in key order, each key once: the map operations of a `BTreeMap`
/// on a sorted list.
///
/// A report has about 200 cells. The importers write them in key order with the template's own
/// keys, so the list is built in one pass without a string allocated per key or a sort; a
/// `BTreeMap<String, _>` cost a third of a report's import in building and dropping it. Lookups
/// are binary searches.
#[derive(Clone, Default, PartialEq)]
pub struct Cells {
    /// Sorted by key (byte order, as `str`'s `Ord`), no key twice.
    entries: Vec<(CellKey, CellValue)>,
}

impl Cells {
    pub fn new() -> Cells {
        Cells::default()
    }

    /// Cells from pairs already in strictly increasing key order (checked in debug builds):
    /// the importers' template order. Crate-only: a list out of order would break lookups.
    pub(crate) fn from_sorted(entries: Vec<(CellKey, CellValue)>) -> Cells {
        debug_assert!(entries.windows(2).all(|w| w[0].0 < w[1].0));
        Cells { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_ref().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&CellValue> {
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut CellValue> {
        let i = self.find(key).ok()?;
        Some(&mut self.entries[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets a cell; returns the value it replaces.
    pub fn insert(&mut self, key: impl Into<CellKey>, value: CellValue) -> Option<CellValue> {
        let key = key.into();
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<CellValue> {
        let i = self.find(key).ok()?;
        Some(self.entries.remove(i).1)
    }

    /// Keeps the cells for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &mut CellValue) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }

    /// The cells in key order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            inner: self.entries.iter(),
        }
    }

    /// The cells from `key` on (those whose key is `key` or comes after it), in key order.
    pub fn range_from(&self, key: &str) -> Iter<'_> {
        let from = self.entries.partition_point(|(k, _)| k.as_ref() < key);
        Iter {
            inner: self.entries[from..].iter(),
        }
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator {
        self.entries.iter().map(|(k, _)| k.as_ref())
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &CellValue> + ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }
}

/// The cells of a [`Cells`] in key order.
#[derive(Clone)]
pub struct Iter<'a> {
    inner: std::slice::Iter<'a, (CellKey, CellValue)>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a CellValue);

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next().map(|(k, v)| (k.as_ref(), v))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.inner.next_back().map(|(k, v)| (k.as_ref(), v))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Cells {
    type Item = (&'a str, &'a CellValue);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Cells {
    type Item = (CellKey, CellValue);
    type IntoIter = std::vec::IntoIter<(CellKey, CellValue)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

/// As `BTreeMap`'s: a key given twice keeps its last value.
impl<K: Into<CellKey>> FromIterator<(K, CellValue)> for Cells {
    fn from_iter<I: IntoIterator<Item = (K, CellValue)>>(iter: I) -> Cells {
        let mut entries: Vec<(CellKey, CellValue)> =
            iter.into_iter().map(|(k, v)| (k.into(), v)).collect();
        // Stable: of equal keys the last given is the last here, and is the one kept.
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<(CellKey, CellValue)> = Vec::with_capacity(entries.len());
        for e in entries {
            match out.last_mut() {
                Some(last) if last.0 == e.0 => *last = e,
                _ => out.push(e),
            }
        }
        Cells { entries: out }
    }
}

impl<K: Into<CellKey>> Extend<(K, CellValue)> for Cells {
    fn extend<I: IntoIterator<Item = (K, CellValue)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl fmt::Debug for Cells {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// A JSON object in key order, as the `BTreeMap` it replaces wrote it.
impl Serialize for Cells {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Cells {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Cells, D::Error> {
        struct CellsVisitor;

        impl<'de> Visitor<'de> for CellsVisitor {
            type Value = Cells;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of cell values by key")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Cells, A::Error> {
                let mut pairs: Vec<(String, CellValue)> = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(pairs.into_iter().collect())
            }
        }

        deserializer.deserialize_map(CellsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Random operations give what a `BTreeMap` gives.
    #[test]
    fn behaves_as_a_btree_map() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let keys = [
            "s1.a",
            "s1.b",
            "s2.a",
            "s2",
            "s10.x",
            "s3.r1.natural",
            "",
            "甲",
            "s1.a.b",
        ];
        for _ in 0..50 {
            let mut cells = Cells::new();
            let mut map: BTreeMap<String, CellValue> = BTreeMap::new();
            for _ in 0..60 {
                let k = keys[(next() % keys.len() as u64) as usize];
                let v = CellValue::Int((next() % 100) as i64);
                match next() % 4 {
                    0 | 1 => assert_eq!(cells.insert(k, v.clone()), map.insert(k.into(), v)),
                    2 => assert_eq!(cells.remove(k), map.remove(k)),
                    _ => assert_eq!(cells.get(k), map.get(k)),
                }
                assert_eq!(cells.contains_key(k), map.contains_key(k));
            }
            let listed: Vec<(&str, &CellValue)> = cells.iter().collect();
            for k in keys {
                assert!(cells.range_from(k).eq(map
                    .range::<str, _>((std::ops::Bound::Included(k), std::ops::Bound::Unbounded))
                    .map(|(k, v)| (k.as_str(), v))));
            }
            let expected: Vec<(&str, &CellValue)> =
                map.iter().map(|(k, v)| (k.as_str(), v)).collect();
            assert_eq!(listed, expected);
            assert_eq!(cells.len(), map.len());
            let pairs: Vec<(String, CellValue)> =
                map.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            let mut doubled = pairs.clone();
            doubled.extend(pairs.iter().map(|(k, _)| (k.clone(), CellValue::Blank)));
            doubled.reverse();
            let collected: Cells = doubled.iter().cloned().collect();
            let expected: BTreeMap<String, CellValue> = doubled.into_iter().collect();
            assert!(collected
                .iter()
                .eq(expected.iter().map(|(k, v)| (k.as_str(), v))));
        }
    }

    #[test]
    fn json_is_an_object_in_key_order() {
        let cells: Cells = [
            ("s3.r1.natural", CellValue::Int(3)),
            ("s2.fees.amount", CellValue::Dec(1.5)),
            ("s2.rules.issued", CellValue::Text("/".into())),
        ]
        .into_iter()
        .collect();
        let json = serde_json::to_string(&cells).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"s2.fees.amount":1.5,"s2.rules.issued":"/","s3.r1.natural":3}"#
        );
        let back: Cells = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, cells);
        let twice: Cells = serde_json::from_str(r#"{"a":1,"a":2}"#).unwrap_or_default();
        assert_eq!(twice.get("a"), Some(&CellValue::Int(2)));
    }
}
