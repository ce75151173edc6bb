//! Every id of a briefing and the item it names, in one namespace. The
//! table is kept in shards by a part of each id's hash, so a large file's
//! ids are put in on every core, each core filling shards of its own, and
//! what is found on the way (an invalid id, an id defined twice) is said in
//! the file's order, as one walk would say it.

use super::model::{ItemRef, Str};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::hash::BuildHasher;

/// A power of two, so a shard is some bits of the hash.
const SHARDS: usize = 16;

/// Files with fewer ids than this are put in on the calling thread.
const ON_CORES: usize = 4096;

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone)]
pub struct Ids {
    shards: Box<[HashMap<Str, ItemRef>]>,
}

impl Default for Ids {
    fn default() -> Self {
        Ids {
            shards: (0..SHARDS).map(|_| HashMap::default()).collect(),
        }
    }
}

/// The shard an id is kept in: bits the tables do not use, neither for
/// the bucket (the low bits) nor for the tag (the top seven), so ids in
/// one shard spread over its buckets as they would over one table.
fn shard(id: &str, shards: usize) -> usize {
    let h = rustc_hash::FxBuildHasher.hash_one(id);
    (h >> 40) as usize % shards.max(1)
}

/// What one id definition, the `n`th in the file's order, ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clash {
    /// An id a user wrote that is not a valid id (it is still defined, so
    /// references spelt the same way add nothing).
    Invalid,
    /// Defined before, by this item.
    Again(ItemRef),
}

/// One definition: the id, the item, and whether the user wrote the id
/// (a position's may be made from its actor and issue, whose own ids are
/// checked where they are written).
pub type Def<'a> = (Cow<'a, str>, ItemRef, bool);

impl Ids {
    pub fn get(&self, id: &str) -> Option<ItemRef> {
        self.shards
            .get(shard(id, self.shards.len()))?
            .get(id)
            .copied()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Str, &ItemRef)> {
        self.shards.iter().flat_map(|s| s.iter())
    }

    /// Every definition `def(0..n)` gives (`None`: the item has no id),
    /// on up to `threads` cores, and what each clash was, in order. The
    /// first definition of an id wins.
    pub fn define<'a>(
        n: usize,
        threads: usize,
        valid: impl Fn(&str) -> bool + Sync,
        def: impl Fn(usize) -> Option<Def<'a>> + Sync,
    ) -> (Ids, Vec<(usize, Clash)>) {
        let threads = if n < ON_CORES { 1 } else { threads };
        // Each core walks every definition and keeps the ones whose shard
        // is its own: hashing an id is cheap, the table's memory is not.
        let parts = crate::cores::split(SHARDS, threads, |mine| {
            let mut shards: Vec<HashMap<Str, ItemRef>> = mine
                .clone()
                .map(|_| {
                    let mut m = HashMap::default();
                    m.reserve(n / SHARDS + n / (SHARDS * 8) + 1);
                    m
                })
                .collect();
            let mut clashes = Vec::new();
            for k in 0..n {
                let Some((id, r, written)) = def(k) else {
                    continue;
                };
                let s = shard(&id, SHARDS);
                if !mine.contains(&s) {
                    continue;
                }
                let ok = valid(&id);
                if !ok && written {
                    clashes.push((k, Clash::Invalid));
                }
                match shards[s - mine.start].entry(Str::from(id.as_ref())) {
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(r);
                    }
                    // An invalid id said once is not said again as a
                    // duplicate.
                    std::collections::hash_map::Entry::Occupied(o) if ok => {
                        clashes.push((k, Clash::Again(*o.get())));
                    }
                    std::collections::hash_map::Entry::Occupied(_) => {}
                }
            }
            (shards, clashes)
        });
        let mut shards = Vec::with_capacity(SHARDS);
        let mut clashes = Vec::new();
        for (s, c) in parts {
            shards.extend(s);
            clashes.extend(c);
        }
        clashes.sort_unstable_by_key(|&(k, _)| k);
        (
            Ids {
                shards: shards.into(),
            },
            clashes,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::Kind;
    use proptest::prelude::*;

    type Walked = (Vec<(String, ItemRef)>, Vec<(usize, Clash)>);

    /// The one-table walk the shards must answer as.
    fn one_walk(defs: &[Option<Def>], valid: &dyn Fn(&str) -> bool) -> Walked {
        let mut table: HashMap<String, ItemRef> = HashMap::default();
        let mut clashes = Vec::new();
        for (k, d) in defs.iter().enumerate() {
            let Some((id, r, written)) = d else { continue };
            let ok = valid(id);
            if !ok && *written {
                clashes.push((k, Clash::Invalid));
            }
            match table.get(id.as_ref()) {
                None => {
                    table.insert(id.to_string(), *r);
                }
                Some(first) if ok => clashes.push((k, Clash::Again(*first))),
                Some(_) => {}
            }
        }
        let mut all: Vec<_> = table.into_iter().collect();
        all.sort();
        (all, clashes)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// On one core or several, the table and the clashes are those of
        /// one walk in the file's order.
        #[test]
        fn shards_answer_as_one_table(
            words in proptest::collection::vec(proptest::option::of("[a-e]{1,2}|[A ]{1,2}"), 0..9000),
            threads in 1usize..5,
        ) {
            let defs: Vec<Option<Def>> = words
                .iter()
                .enumerate()
                .map(|(i, w)| w.as_ref().map(|w| (Cow::Borrowed(w.as_str()), ItemRef::new(Kind::Event, i), i % 7 != 0)))
                .collect();
            let valid = |s: &str| s.bytes().all(|b| b.is_ascii_lowercase());
            let (ids, clashes) = Ids::define(defs.len(), threads, valid, |k| defs[k].clone());
            let (table, want) = one_walk(&defs, &valid);
            let mut got: Vec<(String, ItemRef)> = ids.iter().map(|(k, r)| (k.to_string(), *r)).collect();
            got.sort();
            prop_assert_eq!(&got, &table);
            for (id, r) in &table {
                prop_assert_eq!(ids.get(id), Some(*r));
            }
            prop_assert_eq!(ids.get("zz"), None);
            prop_assert_eq!(clashes, want);
        }
    }
}
