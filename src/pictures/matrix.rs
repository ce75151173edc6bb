//! The stance matrix (`m`): actors as rows, issues as columns, each cell
//! the actor's position on the issue. Moving the cursor selects what is
//! under it — a position, an actor (row header) or an issue (column
//! header) — so the detail shows it; Enter leaves the matrix for it.

use crate::briefing::{Briefing, ItemRef, Kind};
use rustc_hash::FxHashMap;

/// The grid, built from the briefing: who has a position on what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// Actors, in the order shown.
    pub rows: Vec<usize>,
    /// Issues, in file order.
    pub cols: Vec<usize>,
    /// (actor, issue) → that actor's positions on that issue.
    pub cells: FxHashMap<(usize, usize), Vec<usize>>,
    /// Positions per actor.
    pub count: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// File order.
    #[default]
    File,
    Name,
    /// Most positions first.
    Positions,
}

impl Sort {
    pub fn label(self) -> &'static str {
        match self {
            Sort::File => "file order",
            Sort::Name => "by name",
            Sort::Positions => "by positions",
        }
    }
}

impl Grid {
    pub fn build(b: &Briefing, sort: Sort, hide_empty: bool) -> Grid {
        let mut cells: FxHashMap<(usize, usize), Vec<usize>> = FxHashMap::default();
        let mut count = vec![0; b.actors.len()];
        for (n, p) in b.positions.iter().enumerate() {
            cells.entry((p.actor, p.issue)).or_default().push(n);
            count[p.actor] += 1;
        }
        let mut rows: Vec<usize> = (0..b.actors.len())
            .filter(|a| !hide_empty || count[*a] > 0)
            .collect();
        match sort {
            Sort::File => {}
            Sort::Name => rows.sort_by_key(|a| b.actors[*a].name.to_lowercase()),
            Sort::Positions => rows.sort_by_key(|a| std::cmp::Reverse(count[*a])),
        }
        Grid {
            rows,
            cols: (0..b.issues.len()).collect(),
            cells,
            count,
        }
    }

    /// The positions in the cell of row `r`, column `c`.
    pub fn at(&self, r: usize, c: usize) -> &[usize] {
        match (self.rows.get(r), self.cols.get(c)) {
            (Some(a), Some(i)) => self.cells.get(&(*a, *i)).map_or(&[], |v| v.as_slice()),
            _ => &[],
        }
    }
}

/// The matrix view: the grid, and a cursor over it where row 0 is the
/// issues' header and column 0 the actors' (so `(0, 0)` is the corner).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    pub grid: Grid,
    pub sort: Sort,
    pub hide_empty: bool,
    pub row: usize,
    pub col: usize,
}

impl Matrix {
    pub fn new(b: &Briefing) -> Matrix {
        Matrix {
            grid: Grid::build(b, Sort::File, false),
            sort: Sort::File,
            hide_empty: false,
            row: 1,
            col: 1,
        }
    }

    /// What the cursor is on: a position, an actor, an issue, or nothing.
    pub fn item(&self) -> Option<ItemRef> {
        match (self.row, self.col) {
            (0, 0) => None,
            (0, c) => self
                .grid
                .cols
                .get(c - 1)
                .map(|i| ItemRef::new(Kind::Issue, *i)),
            (r, 0) => self
                .grid
                .rows
                .get(r - 1)
                .map(|a| ItemRef::new(Kind::Actor, *a)),
            (r, c) => self
                .grid
                .at(r - 1, c - 1)
                .first()
                .map(|p| ItemRef::new(Kind::Position, *p)),
        }
    }

    pub fn clamp(&mut self) {
        self.row = self.row.min(self.grid.rows.len());
        self.col = self.col.min(self.grid.cols.len());
    }

    /// Rebuilds the grid for a sort or a filter, keeping the cursor on
    /// the same actor when it is still shown.
    pub fn rebuild(&mut self, b: &Briefing) {
        let actor = self
            .row
            .checked_sub(1)
            .and_then(|r| self.grid.rows.get(r))
            .copied();
        self.grid = Grid::build(b, self.sort, self.hide_empty);
        if let Some(a) = actor {
            self.row = self
                .grid
                .rows
                .iter()
                .position(|x| *x == a)
                .map_or(1, |r| r + 1);
        }
        self.clamp();
    }
}
