//! The stance matrix's keys in the reader: opening it on the selection,
//! moving its cursor, sorting and hiding rows, leaving it.

use crate::app::{Action, App};
use crate::briefing::Kind;
use crate::pictures::matrix::{Matrix, Sort};

impl App {
    /// `m`: the stance matrix, on the selected actor's row when there is one.
    pub fn open_matrix(&mut self) {
        let mut m = Matrix::new(&self.briefing);
        let row_of = |m: &Matrix, actor: usize| {
            m.grid
                .rows
                .iter()
                .position(|a| *a == actor)
                .map_or(1, |n| n + 1)
        };
        match self.selected() {
            Some(r) if r.kind == Kind::Actor => m.row = row_of(&m, r.index),
            Some(r) if r.kind == Kind::Position => {
                let p = &self.briefing.positions[r.index];
                m.row = row_of(&m, p.actor);
                m.col = p.issue + 1;
            }
            Some(r) if r.kind == Kind::Issue => m.col = r.index + 1,
            _ => {}
        }
        m.clamp();
        self.show_picture(crate::app::view::picture::Picture::Matrix(m));
    }

    /// The matrix's keys; true when it took the action.
    pub(crate) fn matrix_key(&mut self, action: Action) -> bool {
        let b = self.briefing.clone();
        let page = self.detail_height.max(1);
        let Some(crate::app::view::picture::Picture::Matrix(m)) = self.picture_mut() else {
            return false;
        };
        let (rows, cols) = (m.grid.rows.len(), m.grid.cols.len());
        match action {
            Action::Down => m.row = (m.row + 1).min(rows),
            Action::Up => m.row = m.row.saturating_sub(1),
            Action::Right => m.col = (m.col + 1).min(cols),
            Action::Left => m.col = m.col.saturating_sub(1),
            Action::PageDown => m.row = (m.row + page).min(rows),
            Action::PageUp => m.row = m.row.saturating_sub(page),
            Action::Top => m.row = 0,
            Action::Bottom => m.row = rows,
            Action::CycleSort => {
                m.sort = match m.sort {
                    Sort::File => Sort::Name,
                    Sort::Name => Sort::Positions,
                    Sort::Positions => Sort::File,
                };
                m.rebuild(&b);
                self.status = Some(format!("Actors {}", m.sort.label()));
            }
            Action::HideEmpty => {
                m.hide_empty = !m.hide_empty;
                m.rebuild(&b);
                self.status = Some(if m.hide_empty {
                    "Actors with no position hidden".into()
                } else {
                    "Every actor shown".into()
                });
            }
            Action::Enter => self.leave_picture(true),
            Action::Escape | Action::Matrix => self.leave_picture(false),
            _ => return false,
        }
        self.follow_picture();
        true
    }
}
