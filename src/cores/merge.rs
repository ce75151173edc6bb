//! Sorted runs merged into one sorted list on every core: runs are merged
//! two by two, and each merge is cut into stretches of the output that
//! cores fill at once (where each stretch starts in the two runs is found
//! by a binary search, the "merge path"). Ties keep the earlier run first,
//! so runs sorted stably and merged give a stable sort.

/// `runs`, each sorted, merged into one sorted list on up to `threads`
/// cores, each item as `f` makes it; of equal items, those of an earlier
/// run come first.
pub fn merged<T, U>(runs: Vec<Vec<T>>, threads: usize, f: impl Fn(T) -> U + Sync) -> Vec<U>
where
    T: Ord + Copy + Default + Send + Sync,
    U: Copy + Default + Send,
{
    // A short merge is not worth a thread.
    merged_from(runs, threads, f, super::FROM)
}

/// [`merged`], cutting merges of `from` items or more between cores.
fn merged_from<T, U>(
    mut runs: Vec<Vec<T>>,
    threads: usize,
    f: impl Fn(T) -> U + Sync,
    from: usize,
) -> Vec<U>
where
    T: Ord + Copy + Default + Send + Sync,
    U: Copy + Default + Send,
{
    while runs.len() > 2 {
        let mut next = Vec::with_capacity(runs.len().div_ceil(2));
        let mut pairs = runs.into_iter();
        while let Some(a) = pairs.next() {
            next.push(match pairs.next() {
                Some(b) => two(&a, &b, threads, |t| t, from),
                None => a,
            });
        }
        runs = next;
    }
    let b = runs.pop().unwrap_or_default();
    let a = runs.pop().unwrap_or_default();
    two(&a, &b, threads, f, from)
}

/// Two sorted runs merged, the output cut into up to `threads` stretches.
fn two<T: Ord + Copy + Sync, U: Copy + Default + Send>(
    a: &[T],
    b: &[T],
    threads: usize,
    f: impl Fn(T) -> U + Sync,
    from: usize,
) -> Vec<U> {
    let n = a.len() + b.len();
    let parts = if n < from { 1 } else { threads.max(1) };
    let mut out = vec![U::default(); n];
    let mut rest = out.as_mut_slice();
    let mut stretches = Vec::with_capacity(parts);
    let mut from = (0, 0);
    for k in 1..=parts {
        let to = cut(a, b, n * k / parts);
        let (mine, after) = std::mem::take(&mut rest).split_at_mut(to.0 - from.0 + to.1 - from.1);
        stretches.push((&a[from.0..to.0], &b[from.1..to.1], mine));
        rest = after;
        from = to;
    }
    super::each(stretches, |(a, b, out)| fill(a, b, out, &f));
    out
}

/// How many of the first `p` items of the merge come from `a` and from `b`.
fn cut<T: Ord>(a: &[T], b: &[T], p: usize) -> (usize, usize) {
    let (mut lo, mut hi) = (p.saturating_sub(b.len()), p.min(a.len()));
    while lo < hi {
        let i = lo + (hi - lo) / 2;
        // `i < hi <= p` and `i >= p - b.len()`: `b[p - i - 1]` is there.
        if a[i] <= b[p - i - 1] {
            lo = i + 1;
        } else {
            hi = i;
        }
    }
    (lo, p - lo)
}

/// `a` and `b` merged into `out`, which is as long as both.
fn fill<T: Ord + Copy, U>(a: &[T], b: &[T], out: &mut [U], f: impl Fn(T) -> U) {
    let (mut i, mut j) = (0, 0);
    for slot in out.iter_mut() {
        let from_a = j == b.len() || (i < a.len() && a[i] <= b[j]);
        *slot = f(if from_a {
            i += 1;
            a[i - 1]
        } else {
            j += 1;
            b[j - 1]
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// An item ordered by its key alone, carrying the run it came from.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    struct Tagged {
        key: u8,
        run: usize,
    }

    impl Ord for Tagged {
        fn cmp(&self, other: &Self) -> std::cmp::Ordering {
            self.key.cmp(&other.key)
        }
    }

    impl PartialOrd for Tagged {
        fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Merged as a stable sort of the runs one after another orders
        /// them: by key, equal keys in the order of their runs.
        #[test]
        fn merged_as_a_stable_sort_orders(
            runs in proptest::collection::vec(proptest::collection::vec(0u8..6, 0..40), 0..7),
            threads in 1usize..6,
        ) {
            let tagged: Vec<Vec<Tagged>> = runs
                .iter()
                .enumerate()
                .map(|(run, keys)| {
                    let mut keys = keys.clone();
                    keys.sort();
                    keys.into_iter().map(|key| Tagged { key, run }).collect()
                })
                .collect();
            let mut expected: Vec<Tagged> = tagged.iter().flatten().copied().collect();
            expected.sort_by_key(|t| t.key);
            // Every merge cut between `threads`, however short.
            let got = merged_from(tagged, threads, |t| t, 0);
            let runs = |v: &[Tagged]| v.iter().map(|t| (t.key, t.run)).collect::<Vec<_>>();
            prop_assert_eq!(runs(&got), runs(&expected));
        }
    }

    #[test]
    fn nothing_and_one_run_come_back_as_they_are() {
        let same = |x: u8| x;
        assert_eq!(merged(vec![], 4, same), Vec::<u8>::new());
        assert_eq!(merged(vec![vec![1, 2, 3]], 4, same), vec![1, 2, 3]);
        assert_eq!(merged(vec![vec![], vec![2], vec![]], 4, same), vec![2]);
        // Long enough to be cut between threads, each item made anew.
        let (a, b): (Vec<u32>, Vec<u32>) = (0..9_000).partition(|n| n % 3 == 0);
        let both = merged(vec![a, b], 3, |n| u64::from(n) * 2);
        assert_eq!(both, (0..9_000).map(|n| n * 2).collect::<Vec<u64>>());
    }
}
