//! How far a load has got, for the screen shown while a large briefing
//! opens. A load reports to the progress its thread was given and to none
//! elsewhere, so the loading functions keep their signatures and `check`
//! pays one thread-local look-up per thousand items.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Reading,
    /// Looking for the validated model in the cache.
    Cache,
    Parsing,
    Checking,
    /// Links, backlinks and quotes, once every item is known.
    Linking,
}

#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    /// The file's size in bytes.
    bytes: AtomicU64,
    items: AtomicU64,
    checked: AtomicU64,
}

impl Progress {
    pub fn stage(&self) -> Stage {
        match self.stage.load(Ordering::Relaxed) {
            1 => Stage::Cache,
            2 => Stage::Parsing,
            3 => Stage::Checking,
            4 => Stage::Linking,
            _ => Stage::Reading,
        }
    }
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }
    /// Items checked so far, and how many there are.
    pub fn items(&self) -> (u64, u64) {
        (
            self.checked.load(Ordering::Relaxed),
            self.items.load(Ordering::Relaxed),
        )
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<Progress>>> = const { RefCell::new(None) };
}

/// Loads on this thread report to `p` from now on.
pub fn report_to(p: Arc<Progress>) {
    CURRENT.with(|c| *c.borrow_mut() = Some(p));
}

fn with(f: impl FnOnce(&Progress)) {
    CURRENT.with(|c| {
        if let Some(p) = c.borrow().as_ref() {
            f(p)
        }
    });
}

/// The load has reached stage `s`. It also lets the reader's thread run
/// if it waits for this core: woken (by the terminal's answer to the
/// colour query) onto the core the load runs on, it waited for the whole
/// load in a third of the runs on two cores, the other core idle, and the
/// first frame with it (a yield costs a microsecond; four per load).
pub(crate) fn stage(s: Stage) {
    with(|p| {
        p.stage.store(s as u8, Ordering::Relaxed);
        std::thread::yield_now();
    });
}

pub(crate) fn bytes(n: u64) {
    with(|p| p.bytes.store(n, Ordering::Relaxed));
}

pub(crate) fn items(total: usize) {
    with(|p| {
        p.items.store(total as u64, Ordering::Relaxed);
        p.checked.store(0, Ordering::Relaxed);
    });
}

/// The item numbered `n` (counting every kind) is being checked. The
/// timeline's helpers each report their own stretch: the gauge shows the
/// one furthest on and never goes back.
pub(crate) fn checking(n: usize) {
    if n.is_multiple_of(1024) {
        with(|p| {
            p.checked.fetch_max(n as u64, Ordering::Relaxed);
        });
    }
}

/// Where this thread's loads report, for the helpers of a load.
pub(crate) fn current() -> Option<Arc<Progress>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// What a reader is given of a load before its evidence checks: the model,
/// linked and found clean so far. It draws its first frame while the checks
/// run (as long again as the rest of the load) and shows it only when they
/// find nothing.
pub struct Early {
    /// Told as the linking starts, a few dozen microseconds before the
    /// model: a thread asleep since the load began takes 0.1–0.2 ms to wake
    /// on a virtual machine, and one just woken far less.
    pub soon: Option<Box<dyn FnOnce() + Send>>,
    pub model: Box<dyn FnOnce(&crate::briefing::Briefing) + Send>,
}

thread_local! {
    static EARLY: RefCell<Option<Early>> = const { RefCell::new(None) };
}

/// The next load on this thread offers its model to `e` (with `None`, to
/// nobody) once it is linked and clean, before its evidence checks.
pub fn offer_early(e: Option<Early>) {
    EARLY.with(|slot| *slot.borrow_mut() = e);
}

/// Nothing is wrong with the model so far, and it is being linked.
pub(crate) fn linking() {
    let soon = EARLY.with(|e| e.borrow_mut().as_mut().and_then(|e| e.soon.take()));
    if let Some(f) = soon {
        f();
    }
}

/// The model is linked and nothing is wrong with it yet: offered once.
pub(crate) fn linked(b: &crate::briefing::Briefing) {
    if let Some(e) = EARLY.with(|e| e.borrow_mut().take()) {
        (e.model)(b);
    }
}
