//! A long list worked through in a stretch per core, the results joined
//! in order: print and the handouts write a 100,000-event timeline this
//! way, and the load sorts it so. Knows nothing of briefings.

use std::ops::Range;
use std::sync::Mutex;

mod merge;
pub use merge::merged;

/// Lists shorter than this are worked through on the calling thread.
pub const FROM: usize = 2048;

/// As many cores as are worth using (the same count the load uses).
/// Asked once: on Linux each ask reads the cgroup's quota files, some
/// 50 µs, and a load asks several times before its first frame.
pub fn count() -> usize {
    static COUNT: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *COUNT.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8)
    })
}

/// `work` over `0..n` in up to `threads` stretches, each on a core of its
/// own, results in order; one stretch, here, when `n` is below [`FROM`].
/// A stretch no thread can be had for is worked here; a panic in one is
/// a panic here.
pub fn stretches<T: Send>(
    n: usize,
    threads: usize,
    work: impl Fn(Range<usize>) -> T + Sync,
) -> Vec<T> {
    split(n, if n < FROM { 1 } else { threads }, work)
}

/// `work` over `0..n` in up to `threads` stretches however short `n` is:
/// for a few parts that are each much work (the id table's shards, the
/// parts of the links added to what they point at).
pub fn split<T: Send>(n: usize, threads: usize, work: impl Fn(Range<usize>) -> T + Sync) -> Vec<T> {
    if n < 2 || threads < 2 {
        return vec![work(0..n)];
    }
    let size = n.div_ceil(threads);
    let ranges = (0..n).step_by(size).map(|from| from..(from + size).min(n));
    each(ranges.collect(), work)
}

/// `work` on each of `parts`, each on a core of its own (the last here),
/// results in order: for parts that each own what they write, such as
/// their own stretch of one list. A part no thread can be had for is
/// worked here; a panic in one is a panic here.
pub fn each<P: Send, T: Send>(parts: Vec<P>, work: impl Fn(P) -> T + Sync) -> Vec<T> {
    // Each part waits in a slot for its thread: one that could not be
    // started leaves it there, to be worked here.
    let slots: Vec<Mutex<Option<P>>> = parts.into_iter().map(|p| Mutex::new(Some(p))).collect();
    let take = |slot: &Mutex<Option<P>>| slot.lock().ok().and_then(|mut p| p.take());
    let work = &work;
    std::thread::scope(|s| {
        let Some((last, others)) = slots.split_last() else {
            return Vec::new();
        };
        let handles: Vec<_> = others
            .iter()
            .map(|slot| {
                let spawned = std::thread::Builder::new()
                    .spawn_scoped(s, move || take(slot).map(work))
                    .ok();
                (slot, spawned)
            })
            .collect();
        let last = take(last).map(work);
        let mut done: Vec<T> = handles
            .into_iter()
            .filter_map(|(slot, h)| match h.map(|h| h.join()) {
                Some(Ok(Some(t))) => Some(t),
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                _ => take(slot).map(work),
            })
            .collect();
        done.extend(last);
        done
    })
}
