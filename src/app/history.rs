//! The jump list, as in vim: each jump records where it left from; back
//! and forward walk the list; an item already in the list moves to the end
//! when it is recorded again; at most [`MAX`] entries.

use std::path::PathBuf;

pub const MAX: usize = 100;

/// A place in a briefing, kept by file and id so it survives a reload and
/// can point into another briefing.
#[derive(Debug, Clone, Eq)]
pub struct Jump {
    pub file: PathBuf,
    pub id: String,
    /// The item's name when the jump was made, for the breadcrumb.
    pub name: String,
}

impl PartialEq for Jump {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.file == other.file
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JumpList<T = Jump> {
    entries: Vec<T>,
    /// Index of the entry we are at; `entries.len()` is the live end.
    pos: usize,
}

impl<T> Default for JumpList<T> {
    fn default() -> Self {
        JumpList {
            entries: Vec::new(),
            pos: 0,
        }
    }
}

impl<T: Clone + PartialEq> JumpList<T> {
    /// Records `from` before jumping away from it.
    pub fn record(&mut self, from: T) {
        self.entries.retain(|e| *e != from);
        self.entries.push(from);
        if self.entries.len() > MAX {
            let extra = self.entries.len() - MAX;
            self.entries.drain(..extra);
        }
        self.pos = self.entries.len();
    }

    /// Where "back" goes from `current`, saving `current` so "forward"
    /// can return to it.
    pub fn back(&mut self, current: T) -> Option<T> {
        if self.pos >= self.entries.len() {
            self.entries.retain(|e| *e != current);
            if self.entries.is_empty() {
                self.pos = 0;
                self.entries.push(current);
                return None;
            }
            self.entries.push(current);
            self.pos = self.entries.len() - 1;
        }
        if self.pos == 0 {
            return None;
        }
        self.pos -= 1;
        Some(self.entries[self.pos].clone())
    }

    pub fn forward(&mut self) -> Option<T> {
        if self.pos + 1 < self.entries.len() {
            self.pos += 1;
            Some(self.entries[self.pos].clone())
        } else {
            None
        }
    }

    /// The entries up to where we are, oldest first (for the breadcrumb).
    pub fn trail(&self) -> &[T] {
        &self.entries[..self.pos.min(self.entries.len())]
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(i: usize) -> usize {
        i
    }

    #[test]
    fn back_and_forward_walk_the_jumps() {
        let mut j: JumpList<usize> = JumpList::default();
        j.record(a(0)); // jumped 0 -> 1
        j.record(a(1)); // jumped 1 -> 2
        assert_eq!(j.back(a(2)), Some(a(1)));
        assert_eq!(j.back(a(1)), Some(a(0)));
        assert_eq!(j.back(a(0)), None, "nothing before the first jump");
        assert_eq!(j.forward(), Some(a(1)));
        assert_eq!(
            j.forward(),
            Some(a(2)),
            "forward returns to where back started"
        );
        assert_eq!(j.forward(), None);
    }

    #[test]
    fn recording_an_item_again_moves_it_to_the_end() {
        let mut j: JumpList<usize> = JumpList::default();
        j.record(a(0));
        j.record(a(1));
        j.record(a(0));
        assert_eq!(j.trail(), &[a(1), a(0)]);
    }

    #[test]
    fn at_most_a_hundred_entries_oldest_dropped() {
        let mut j: JumpList<usize> = JumpList::default();
        for i in 0..150 {
            j.record(a(i));
        }
        assert_eq!(j.len(), MAX);
        assert_eq!(j.trail()[0], a(50));
    }

    #[test]
    fn back_with_no_jumps_goes_nowhere() {
        let mut j: JumpList<usize> = JumpList::default();
        assert_eq!(j.back(a(3)), None);
        assert_eq!(j.forward(), None);
    }
}
