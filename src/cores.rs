//! A long list worked through in a stretch per core, the results joined
//! in order: print and the handouts write a 100,000-event timeline this
//! way. Knows nothing of briefings.

use std::ops::Range;

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
    let work = &work;
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .step_by(size)
            .map(|from| {
                let range = from..(from + size).min(n);
                let spawned = std::thread::Builder::new()
                    .spawn_scoped(s, {
                        let range = range.clone();
                        move || work(range)
                    })
                    .ok();
                (range, spawned)
            })
            .collect();
        handles
            .into_iter()
            .map(|(range, h)| match h.map(|h| h.join()) {
                Some(Ok(part)) => part,
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                None => work(range),
            })
            .collect()
    })
}
