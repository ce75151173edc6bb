//! What the screen writes to the terminal: each frame whole, with one
//! write, or held back — a first frame drawn while the load's evidence
//! checks still run is made into the bytes the terminal needs then, and
//! written only if the file loads.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// The screen's output: bytes gathered until a flush writes them, unless
/// they are held. There is one terminal, so one switch, [`HOLD`], which
/// the screen's backend (whose writer ratatui does not lend out) reads.
#[derive(Default)]
pub(crate) struct Out {
    bytes: Vec<u8>,
}

/// Whether the screen's output is held, and whether what it holds is to be
/// dropped.
struct Hold {
    held: AtomicBool,
    dropped: AtomicBool,
}

static HOLD: Hold = Hold {
    held: AtomicBool::new(false),
    dropped: AtomicBool::new(false),
};

/// Flushes keep what was written, until [`release`] or [`discard`].
pub(crate) fn hold() {
    HOLD.dropped.store(false, Ordering::SeqCst);
    HOLD.held.store(true, Ordering::SeqCst);
}

/// Whether a frame is held.
pub(crate) fn holding() -> bool {
    HOLD.held.load(Ordering::SeqCst)
}

/// The next flush writes what was held.
pub(crate) fn release() {
    HOLD.held.store(false, Ordering::SeqCst);
}

/// Drops what was held: the terminal never sees it.
pub(crate) fn discard() {
    HOLD.dropped.store(true, Ordering::SeqCst);
    HOLD.held.store(false, Ordering::SeqCst);
}

impl Out {
    fn drop_if_asked(&mut self) {
        // Read plainly first: a frame is thousands of small writes, and a
        // swap each time costs a locked instruction.
        if HOLD.dropped.load(Ordering::Relaxed) && HOLD.dropped.swap(false, Ordering::SeqCst) {
            self.bytes.clear();
        }
    }
}

impl Write for Out {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.drop_if_asked();
        self.bytes.extend_from_slice(b);
        Ok(b.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drop_if_asked();
        if holding() || self.bytes.is_empty() {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        let written = out.write_all(&self.bytes).and_then(|()| out.flush());
        // Never sent twice, whatever part a failed write took; the
        // allocation is kept for the next frame.
        self.bytes.clear();
        written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_bytes_stay_until_released_and_a_discard_drops_them() {
        let mut o = Out::default();
        hold();
        o.write_all(b"frame").unwrap();
        o.flush().unwrap();
        assert!(holding());
        assert_eq!(o.bytes, b"frame");
        discard();
        o.write_all(b"next").unwrap();
        assert!(!holding());
        assert_eq!(o.bytes, b"next", "the held frame is dropped");
        hold();
        release();
        assert!(!holding());
        discard();
        o.flush().unwrap();
        assert!(o.bytes.is_empty());
    }
}
